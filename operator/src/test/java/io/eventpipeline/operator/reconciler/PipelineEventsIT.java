package io.eventpipeline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.testing.OperatorMockApi;
import io.eventpipeline.testsupport.kubernetes.MockKubernetes;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events are aggregated: a repeat counts on the Event it repeats instead of adding one. */
class PipelineEventsIT {
    MockKubernetes kube;
    SteppingClock clock = new SteppingClock(Instant.parse("2026-01-01T10:00:00Z"));
    EventPipeline pipeline = pipeline("airline", "flights", "uid-1");

    @BeforeEach
    void start() {
        kube = OperatorMockApi.start();
    }

    @AfterEach
    void stop() {
        kube.close();
    }

    @Test
    void theSameWarningThreeTimesIsOneEventCountingThree() {
        PipelineEvents events = new PipelineEvents(kube.client(), clock);
        for (int i = 0; i < 3; i++) {
            events.warning(pipeline, "TopicsFailed", "broker unreachable");
            clock.step();
        }

        assertThat(events("airline"))
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.getCount()).isEqualTo(3);
                            assertThat(e.getReason()).isEqualTo("TopicsFailed");
                            assertThat(e.getType()).isEqualTo("Warning");
                            assertThat(e.getFirstTimestamp()).isEqualTo("2026-01-01T10:00:00Z");
                            assertThat(e.getLastTimestamp()).isEqualTo("2026-01-01T10:00:02Z");
                            assertThat(e.getInvolvedObject().getUid()).isEqualTo("uid-1");
                        });
        // One create, then one patch per repeat: no reads.
        assertThat(calls("POST")).isEqualTo(1);
        assertThat(calls("PATCH")).isEqualTo(2);
        assertThat(calls("GET")).isZero();
    }

    @Test
    void anotherMessageIsAnotherEvent() {
        PipelineEvents events = new PipelineEvents(kube.client(), clock);
        events.warning(pipeline, "TopicsFailed", "broker unreachable");
        events.warning(pipeline, "TopicsFailed", "broker unreachable");
        events.warning(pipeline, "TopicsFailed", "topic authorization failed");

        assertThat(events("airline"))
                .extracting(Event::getMessage, Event::getCount)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("broker unreachable", 2),
                        org.assertj.core.groups.Tuple.tuple("topic authorization failed", 1));
    }

    @Test
    void aNewProcessCountsOnTheEventsItsPredecessorWrote() {
        new PipelineEvents(kube.client(), clock).normal(pipeline, "PhaseRunning", "running");
        clock.step();
        // A restarted operator or a new leader knows nothing of it: the create is refused (409).
        new PipelineEvents(kube.client(), clock).normal(pipeline, "PhaseRunning", "running");

        assertThat(events("airline"))
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.getCount()).isEqualTo(2);
                            assertThat(e.getLastTimestamp()).isEqualTo("2026-01-01T10:00:01Z");
                        });
    }

    @Test
    void aPipelineOfTheSameNameCreatedAgainStartsAfresh() {
        PipelineEvents events = new PipelineEvents(kube.client(), clock);
        events.normal(pipeline, "PhaseRunning", "running");
        events.normal(pipeline("airline", "flights", "uid-2"), "PhaseRunning", "running");

        assertThat(events("airline"))
                .extracting(e -> e.getInvolvedObject().getUid(), Event::getCount)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("uid-1", 1),
                        org.assertj.core.groups.Tuple.tuple("uid-2", 1));
    }

    @Test
    void aRefusedWriteNeverFailsTheCaller() {
        PipelineEvents events = new PipelineEvents(kube.client(), clock);
        kube.terminateNamespace("airline");

        assertThatCode(() -> events.warning(pipeline, "TopicsFailed", "broker unreachable"))
                .doesNotThrowAnyException();
        assertThat(events("airline")).isEmpty();
        assertThat(calls("POST")).isEqualTo(1);
    }

    private List<Event> events(String namespace) {
        return kube.client().v1().events().inNamespace(namespace).list().getItems().stream()
                .sorted(Comparator.comparing(e -> e.getMetadata().getName()))
                .toList();
    }

    /** The recorder's own calls to the events API (the test's list calls have a query). */
    private long calls(String method) {
        return kube.requests().stream()
                .filter(r -> r.method().equals(method))
                .filter(r -> r.path().contains("/events"))
                .filter(r -> !(method.equals("GET") && !r.path().contains("/events/")))
                .count();
    }

    private static EventPipeline pipeline(String namespace, String name, String uid) {
        EventPipeline pipeline = new EventPipeline();
        pipeline.setMetadata(
                new ObjectMetaBuilder()
                        .withNamespace(namespace)
                        .withName(name)
                        .withUid(uid)
                        .build());
        return pipeline;
    }

    /** A clock that moves a second each time it is told to. */
    static final class SteppingClock extends Clock {
        private Instant now;

        SteppingClock(Instant start) {
            now = start;
        }

        void step() {
            now = now.plusSeconds(1);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
