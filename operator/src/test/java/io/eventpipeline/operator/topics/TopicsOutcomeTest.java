package io.eventpipeline.operator.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.api.TopicStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsOutcomeTest {
    private static TopicStatus topic(String role, int partitions, boolean created) {
        return new TopicStatus()
                .setName(role + "-topic")
                .setRole(role)
                .setPartitions(partitions)
                .setReady(true)
                .setCreated(created);
    }

    @Test
    void onlyAnInputWithFewerPartitionsThanReadersGetsAdvice() {
        TopicsOutcome outcome =
                new TopicsOutcome(List.of(topic("input", 2, false), topic("output", 1, true)))
                        .withIdleReaderAdvice(4);

        assertThat(outcome.topics().get(0).getMessage())
                .startsWith("2 partitions for up to 4 parallel readers: 2 would idle; add")
                .contains("(at least 4)");
        assertThat(outcome.topics().get(1).getMessage()).isNull();
        assertThat(outcome.advice()).startsWith("topic input-topic: 2 partitions");
        assertThat(
                        new TopicsOutcome(List.of(topic("input", 4, true)))
                                .withIdleReaderAdvice(4)
                                .advice())
                .isEmpty();
    }

    @Test
    void theAdviceKeepsTheOutcomesReasonAndLeavesTheGivenStatusesAlone() {
        TopicStatus input = topic("input", 1, true);
        TopicsOutcome given = new TopicsOutcome(List.of(input), "WaitingForTopicOperator", true);

        TopicsOutcome advised = given.withIdleReaderAdvice(3);

        assertThat(advised.reason()).isEqualTo("WaitingForTopicOperator");
        assertThat(advised.progressing()).isTrue();
        assertThat(advised.topics().get(0).getMessage())
                .contains("raise spec.input.partitions to at least 3");
        assertThat(input.getMessage()).isNull();
    }
}
