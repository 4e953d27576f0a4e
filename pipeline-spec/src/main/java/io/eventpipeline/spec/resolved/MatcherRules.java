package io.eventpipeline.spec.resolved;

import java.util.Optional;

/**
 * Which patterns the sequence matcher runs, as the job versions have decided it ({@link
 * PatternShape}). A pattern's state uid names its engine, so a job version that moves a pattern to
 * the other engine leaves that pattern's saved state behind. An upgrade review must therefore read
 * the running job with the rules of the job that runs it: the operator labels each FlinkDeployment
 * it renders with the rules of the job it renders ({@link #LABEL}); one without the label was
 * rendered before the label existed, under {@link #SIMPLE_SEQUENCES}.
 */
public enum MatcherRules {
    /**
     * Simple sequences; a trailing {@code notFollowedBy} or a condition on earlier steps' events
     * runs on Flink CEP.
     */
    SIMPLE_SEQUENCES("1"),
    /**
     * Simple sequences, also those ending in a {@code notFollowedBy}, and with {@code noSkip} those
     * whose conditions read earlier steps' events.
     */
    WIDENED_SEQUENCES("2");

    /** The rules of this version of the job. */
    public static final MatcherRules CURRENT = WIDENED_SEQUENCES;

    /** The FlinkDeployment label that names the rules its job runs patterns by. */
    public static final String LABEL = "eventpipeline.io/matcher-rules";

    private final String label;

    MatcherRules(String label) {
        this.label = label;
    }

    /** The value of {@link #LABEL}. */
    public String label() {
        return label;
    }

    /**
     * The rules a FlinkDeployment's label names: {@link #SIMPLE_SEQUENCES} without one; empty for a
     * value this version does not know (a later operator rendered it).
     */
    public static Optional<MatcherRules> ofLabel(String value) {
        if (value == null) {
            return Optional.of(SIMPLE_SEQUENCES);
        }
        for (MatcherRules rules : values()) {
            if (rules.label.equals(value)) {
                return Optional.of(rules);
            }
        }
        return Optional.empty();
    }
}
