package io.eventpipeline.spec;

import io.eventpipeline.spec.model.AfterMatchStrategy;
import io.eventpipeline.spec.model.Contiguity;
import io.eventpipeline.spec.model.Delivery;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.InputSpec;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.model.StartFrom;
import io.eventpipeline.spec.model.StepSpec;
import io.eventpipeline.spec.model.TopicDeletionPolicy;
import io.eventpipeline.spec.model.TopicSpec;
import io.eventpipeline.spec.model.UpgradeMode;
import java.util.List;

/**
 * The spec-level defaults, written out: what an absent field means, so that the operator and the
 * job read the same pipeline. Operator-level defaults (Kafka cluster, Flink image and resources)
 * are the operator's and are not applied here.
 */
public final class SpecDefaults {
    /** Appended to the input topic to name the dead-letter topic when none is given. */
    public static final String DEAD_LETTER_SUFFIX = "-dlq";

    /** Event time may lag by this much when the spec does not say. */
    public static final String MAX_OUT_OF_ORDERNESS = "0s";

    /**
     * How the job is upgraded when {@code flink.upgradeMode} is absent. Not written into the spec:
     * the job's arguments would change for pipelines that never set it.
     */
    public static final UpgradeMode UPGRADE_MODE = UpgradeMode.SAVEPOINT;

    private SpecDefaults() {}

    /**
     * A deep copy of {@code spec} with every spec-level default filled in; {@code spec} itself is
     * not changed. Applying it again changes nothing.
     */
    public static EventPipelineSpec withDefaults(EventPipelineSpec spec) {
        EventPipelineSpec copy = PipelineJson.copy(spec, EventPipelineSpec.class);
        InputSpec input = copy.getInput();
        if (input != null) {
            defaultCreate(input);
            if (input.getStartFrom() == null) {
                input.setStartFrom(StartFrom.LATEST);
            }
            if (input.getTimestamp() != null
                    && input.getTimestamp().getMaxOutOfOrderness() == null) {
                input.getTimestamp().setMaxOutOfOrderness(MAX_OUT_OF_ORDERNESS);
            }
        }
        if (copy.getOutput() != null) {
            defaultCreate(copy.getOutput());
        }
        if (copy.getDeadLetter() != null) {
            defaultCreate(copy.getDeadLetter());
        } else if (input != null && input.getTopic() != null) {
            // Named after the input, created; nothing else is inherited (partitions, configs).
            TopicSpec deadLetter = new TopicSpec();
            deadLetter.setTopic(input.getTopic() + DEAD_LETTER_SUFFIX);
            deadLetter.setCreate(true);
            copy.setDeadLetter(deadLetter);
        }
        if (copy.getDelivery() == null) {
            copy.setDelivery(Delivery.AT_LEAST_ONCE);
        }
        if (copy.getSuspend() == null) {
            copy.setSuspend(false);
        }
        if (copy.getTopicDeletionPolicy() == null) {
            copy.setTopicDeletionPolicy(TopicDeletionPolicy.RETAIN);
        }
        if (copy.getPatterns() != null) {
            copy.getPatterns().forEach(SpecDefaults::defaultPattern);
        }
        return copy;
    }

    private static void defaultCreate(TopicSpec topic) {
        if (topic.getCreate() == null) {
            topic.setCreate(true);
        }
    }

    private static void defaultPattern(PatternSpec pattern) {
        if (pattern == null) {
            return;
        }
        if (pattern.getAfterMatch() == null) {
            pattern.setAfterMatch(AfterMatchStrategy.NO_SKIP);
        }
        if (pattern.getEmitTimeouts() == null) {
            pattern.setEmitTimeouts(false);
        }
        List<StepSpec> steps = pattern.getSteps();
        if (steps == null) {
            return;
        }
        // The first step follows nothing, so it keeps no 'after'.
        for (int i = 1; i < steps.size(); i++) {
            StepSpec step = steps.get(i);
            if (step != null && step.getAfter() == null) {
                step.setAfter(Contiguity.FOLLOWED_BY);
            }
        }
    }
}
