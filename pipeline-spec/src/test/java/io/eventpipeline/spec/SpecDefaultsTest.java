package io.eventpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.spec.model.AfterMatchStrategy;
import io.eventpipeline.spec.model.Contiguity;
import io.eventpipeline.spec.model.Delivery;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.model.StartFrom;
import io.eventpipeline.spec.model.TopicDeletionPolicy;
import org.junit.jupiter.api.Test;

class SpecDefaultsTest {
    private static final String SPARSE =
            """
            input: {topic: events, key: id, partitions: 6, config: {retention.ms: "1000"}, timestamp: {field: at}}
            patterns:
              - name: p
                steps:
                  - {name: a, where: "true"}
                  - {name: b, where: "true"}
                  - {name: c, after: notNext, where: "true"}
            output: {topic: alerts}
            """;

    private static EventPipelineSpec spec(String body) throws Exception {
        return PipelineDefinition.parse(Documents.pipeline(body)).spec();
    }

    @Test
    void fillsTheSpecLevelDefaults() throws Exception {
        EventPipelineSpec spec = SpecDefaults.withDefaults(spec(SPARSE));
        assertThat(spec.getInput().getCreate()).isTrue();
        assertThat(spec.getInput().getStartFrom()).isEqualTo(StartFrom.LATEST);
        assertThat(spec.getInput().getTimestamp().getMaxOutOfOrderness()).isEqualTo("0s");
        assertThat(spec.getOutput().getCreate()).isTrue();
        assertThat(spec.getDelivery()).isEqualTo(Delivery.AT_LEAST_ONCE);
        assertThat(spec.getSuspend()).isFalse();
        assertThat(spec.getTopicDeletionPolicy()).isEqualTo(TopicDeletionPolicy.RETAIN);
        PatternSpec pattern = spec.getPatterns().get(0);
        assertThat(pattern.getAfterMatch()).isEqualTo(AfterMatchStrategy.NO_SKIP);
        assertThat(pattern.getEmitTimeouts()).isFalse();
        assertThat(pattern.getSteps())
                .extracting(s -> s.getAfter())
                .containsExactly(null, Contiguity.FOLLOWED_BY, Contiguity.NOT_NEXT);
    }

    @Test
    void deadLetterTopicIsNamedAfterTheInputAndInheritsNothingElse() throws Exception {
        EventPipelineSpec spec = SpecDefaults.withDefaults(spec(SPARSE));
        assertThat(PipelineJson.toJson(spec.getDeadLetter()))
                .isEqualTo("{\"topic\":\"events-dlq\",\"create\":true}");
    }

    @Test
    void keepsWhatTheSpecSays() throws Exception {
        EventPipelineSpec given =
                spec(
                        SPARSE.replace(
                                                "timestamp: {field: at}",
                                                "startFrom: earliest, create: false")
                                        .replace("topic: alerts", "topic: alerts, create: false")
                                + "deadLetter: {topic: bad, create: false}\n"
                                + "delivery: exactly-once\nsuspend: true\n"
                                + "topicDeletionPolicy: Delete\n");
        EventPipelineSpec spec = SpecDefaults.withDefaults(given);
        assertThat(spec.getInput().getStartFrom()).isEqualTo(StartFrom.EARLIEST);
        assertThat(spec.getInput().getCreate()).isFalse();
        assertThat(spec.getInput().getTimestamp()).isNull();
        assertThat(spec.getOutput().getCreate()).isFalse();
        assertThat(spec.getDeadLetter().getTopic()).isEqualTo("bad");
        assertThat(spec.getDeadLetter().getCreate()).isFalse();
        assertThat(spec.getDelivery()).isEqualTo(Delivery.EXACTLY_ONCE);
        assertThat(spec.getSuspend()).isTrue();
        assertThat(spec.getTopicDeletionPolicy()).isEqualTo(TopicDeletionPolicy.DELETE);
    }

    @Test
    void isIdempotent() throws Exception {
        EventPipelineSpec once = SpecDefaults.withDefaults(spec(SPARSE));
        EventPipelineSpec twice = SpecDefaults.withDefaults(once);
        assertThat(PipelineJson.toJson(twice)).isEqualTo(PipelineJson.toJson(once));
    }

    @Test
    void doesNotChangeItsInput() throws Exception {
        EventPipelineSpec given = spec(SPARSE);
        String before = PipelineJson.toJson(given);
        EventPipelineSpec defaulted = SpecDefaults.withDefaults(given);
        assertThat(PipelineJson.toJson(given)).isEqualTo(before);
        assertThat(defaulted).isNotSameAs(given);
        assertThat(defaulted.getPatterns().get(0)).isNotSameAs(given.getPatterns().get(0));
    }

    @Test
    void toleratesAnIncompleteSpec() {
        EventPipelineSpec empty = SpecDefaults.withDefaults(new EventPipelineSpec());
        assertThat(empty.getDeadLetter()).isNull();
        assertThat(empty.getDelivery()).isEqualTo(Delivery.AT_LEAST_ONCE);
    }
}
