package io.eventpipeline.spec.resolved;

/**
 * The options of a step beyond its name, contiguity and condition: how often it repeats and how.
 * {@link PatternShape} switches over them exhaustively, so a new option does not compile until
 * someone decides what the sequence matcher and early dropping make of it; {@code WireFieldsTest}
 * fails when the wire model gains a step field that is neither core nor an option.
 */
public enum StepOption {
    // Declared in the order reasons are reported in: consecutive before greedy.
    TIMES("times"),
    ONE_OR_MORE("oneOrMore"),
    OPTIONAL("optional"),
    CONSECUTIVE("consecutive"),
    GREEDY("greedy"),
    ALLOW_COMBINATIONS("allowCombinations"),
    UNTIL("until");

    private final String field;

    StepOption(String field) {
        this.field = field;
    }

    /** How the option is spelled in YAML. */
    public String field() {
        return field;
    }
}
