package io.eventpipeline.spec.resolved;

/**
 * What runs a pattern in the job. Each keeps its own kind of state, so a pattern that moves from
 * one to the other starts fresh.
 */
public enum Matcher {
    /** The job's own matcher for simple sequences ({@link PatternShape} decides). */
    SEQUENCE("sequence", "the sequence matcher"),
    /** Flink CEP, for every other pattern. */
    CEP("pattern", "Flink CEP");

    private final String uidPrefix;
    private final String description;

    Matcher(String uidPrefix, String description) {
        this.uidPrefix = uidPrefix;
        this.description = description;
    }

    /** How the operator uids of the patterns it runs begin. */
    public String uidPrefix() {
        return uidPrefix;
    }

    /** For people: "the sequence matcher", "Flink CEP". */
    public String description() {
        return description;
    }
}
