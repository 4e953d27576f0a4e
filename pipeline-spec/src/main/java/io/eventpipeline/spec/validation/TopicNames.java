package io.eventpipeline.spec.validation;

import io.eventpipeline.spec.SpecDefaults;
import io.eventpipeline.spec.model.EventPipelineSpec;
import java.util.ArrayList;
import java.util.List;

/** Kafka's topic naming rules, and the pipeline's three topics being distinct. */
final class TopicNames {
    /** The dead-letter topic when none is given: {@code <input topic>-dlq}. */
    static final String DEAD_LETTER_SUFFIX = SpecDefaults.DEAD_LETTER_SUFFIX;

    private TopicNames() {}

    /** Checks one name against Kafka's rules (org.apache.kafka.common.internals.Topic). */
    static boolean checkName(String topic, String path, Problems problems) {
        if (Problems.isBlank(topic)) {
            problems.add(path, "is required");
        } else if (topic.equals(".") || topic.equals("..")) {
            problems.add(path, "cannot be '" + topic + "': Kafka forbids it");
        } else if (topic.length() > Names.TOPIC_MAX) {
            problems.add(
                    path,
                    "is "
                            + topic.length()
                            + " characters long; Kafka allows at most "
                            + Names.TOPIC_MAX);
        } else if (!Names.TOPIC_CHARS.matcher(topic).matches()) {
            problems.add(
                    path,
                    "'"
                            + topic
                            + "' is not a Kafka topic name: use only letters, digits, '.', '_'"
                            + " and '-'");
        } else {
            return true;
        }
        return false;
    }

    /**
     * Input, output and dead-letter topics must differ: output = input would feed matches back as
     * events (a loop); dead letters on input would be read again, on output they would mix with
     * matches. Names differing only in '.' versus '_' count as equal, as Kafka refuses to create
     * the second one ("collides with existing topic").
     */
    static void check(EventPipelineSpec spec, Problems problems) {
        List<Role> roles = new ArrayList<>();
        String input = spec.getInput() == null ? null : spec.getInput().getTopic();
        if (isValid(input)) {
            roles.add(new Role("input", "spec.input.topic", input, ""));
        }
        if (spec.getOutput() != null && isValid(spec.getOutput().getTopic())) {
            roles.add(new Role("output", "spec.output.topic", spec.getOutput().getTopic(), ""));
        }
        if (spec.getDeadLetter() != null) {
            if (isValid(spec.getDeadLetter().getTopic())) {
                roles.add(
                        new Role(
                                "dead-letter",
                                "spec.deadLetter.topic",
                                spec.getDeadLetter().getTopic(),
                                ""));
            }
        } else if (isValid(input)) {
            String derived = input + DEAD_LETTER_SUFFIX;
            if (derived.length() > Names.TOPIC_MAX) {
                problems.add(
                        "spec.deadLetter",
                        "defaults to '<input topic>-dlq', longer than Kafka's "
                                + Names.TOPIC_MAX
                                + " characters here: name the dead-letter topic");
            } else {
                roles.add(
                        new Role(
                                "dead-letter",
                                "spec.deadLetter",
                                derived,
                                " (the dead-letter topic defaults to '<input topic>-dlq':"
                                        + " set spec.deadLetter.topic)"));
            }
        }
        for (int later = 1; later < roles.size(); later++) {
            for (int earlier = 0; earlier < later; earlier++) {
                compare(roles.get(earlier), roles.get(later), problems);
            }
        }
    }

    private static void compare(Role first, Role second, Problems problems) {
        if (first.topic.equals(second.topic)) {
            String loop =
                    second.role.equals("output")
                            ? ": matches would be read back as events, a loop"
                            : "";
            problems.add(
                    second.path,
                    "'"
                            + second.topic
                            + "' is also the "
                            + first.role
                            + " topic; the "
                            + second.role
                            + " topic must be another one"
                            + loop
                            + second.hint);
        } else if (Names.topicCollisionKey(first.topic)
                .equals(Names.topicCollisionKey(second.topic))) {
            problems.add(
                    second.path,
                    "'"
                            + second.topic
                            + "' collides with the "
                            + first.role
                            + " topic '"
                            + first.topic
                            + "': Kafka refuses topic names that differ only in '.' versus '_'"
                            + second.hint);
        }
    }

    private static boolean isValid(String topic) {
        return !Problems.isBlank(topic) && checkName(topic, "", new Problems());
    }

    private record Role(String role, String path, String topic, String hint) {}
}
