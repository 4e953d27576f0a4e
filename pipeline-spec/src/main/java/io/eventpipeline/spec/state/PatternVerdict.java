package io.eventpipeline.spec.state;

/**
 * What an upgrade does to one pattern's partial matches.
 *
 * @param pattern the pattern's name
 * @param outcome kept, starts fresh, new or removed
 * @param reason why, for people (e.g. "its steps changed")
 */
public record PatternVerdict(String pattern, Outcome outcome, String reason) {

    public enum Outcome {
        /** Its partial matches carry over. */
        KEPT("kept"),
        /** It existed before, but its state is dropped. */
        STARTS_FRESH("starts fresh"),
        /** It did not exist before. */
        NEW("new"),
        /** It no longer exists; its state is dropped. */
        REMOVED("removed");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }

        /** How people read it: "kept", "starts fresh", ... */
        public String text() {
            return text;
        }
    }

    /** {@code <pattern>: <outcome> (<reason>)}. */
    public String describe() {
        return pattern + ": " + outcome.text() + " (" + reason + ")";
    }
}
