package io.eventpipeline.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.EventPipelineStatus;
import io.eventpipeline.operator.api.JobSummary;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.api.TopicStatus;
import io.eventpipeline.operator.topics.TopicFailure;
import io.eventpipeline.operator.topics.TopicOperationException;
import io.eventpipeline.operator.topics.TopicsOutcome;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.validation.ValidationProblem;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusCalculatorTest {
    static final TopicsOutcome READY =
            new TopicsOutcome(
                    List.of(new TopicStatus().setName("in").setRole("input").setReady(true)));
    static final TopicsOutcome MISSING =
            new TopicsOutcome(
                    List.of(
                            new TopicStatus()
                                    .setName("in")
                                    .setRole("input")
                                    .setReady(false)
                                    .setMessage("does not exist")));

    static EventPipeline pipeline(long generation, EventPipelineStatus status) {
        EventPipeline pipeline = new EventPipeline();
        pipeline.setMetadata(
                new ObjectMetaBuilder()
                        .withName("p")
                        .withNamespace("ns")
                        .withGeneration(generation)
                        .build());
        pipeline.setSpec(new EventPipelineSpec());
        pipeline.setStatus(status);
        return pipeline;
    }

    static StatusCalculator at(String instant) {
        return new StatusCalculator(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    static StatusCondition condition(EventPipelineStatus status, ConditionType type) {
        return status.getConditions().stream()
                .filter(c -> c.getType().equals(type.name()))
                .findFirst()
                .orElseThrow();
    }

    static JobSummary job(String state) {
        return new JobSummary().setFlinkDeployment("p").setJobState(state);
    }

    @Test
    void phasesFollowWhatWasObserved() {
        StatusCalculator calc = at("2026-01-01T00:00:00Z");
        assertThat(calc.progressed(pipeline(1, null), READY, null).getPhase())
                .isEqualTo(Phase.Deploying);
        assertThat(calc.progressed(pipeline(1, null), READY, job("RUNNING")).getPhase())
                .isEqualTo(Phase.Running);
        assertThat(calc.progressed(pipeline(1, null), READY, job("FAILED")).getPhase())
                .isEqualTo(Phase.Failed);
        assertThat(calc.progressed(pipeline(1, null), MISSING, null).getPhase())
                .isEqualTo(Phase.Degraded);
        assertThat(calc.progressed(pipeline(1, null), MISSING, job("RUNNING")).getPhase())
                .isEqualTo(Phase.Degraded);
        EventPipeline suspended = pipeline(1, null);
        suspended.getSpec().setSuspend(true);
        assertThat(calc.progressed(suspended, READY, job("RUNNING")).getPhase())
                .isEqualTo(Phase.Deploying);
        assertThat(calc.progressed(suspended, READY, job("SUSPENDED")).getPhase())
                .isEqualTo(Phase.Suspended);
        assertThat(
                        calc.invalid(
                                        pipeline(1, null),
                                        List.of(new ValidationProblem("spec.x", "bad")))
                                .getPhase())
                .isEqualTo(Phase.Failed);
        assertThat(
                        calc.topicsFailed(
                                        pipeline(1, null),
                                        new TopicOperationException(
                                                TopicFailure.KafkaUnreachable, "down", null))
                                .getPhase())
                .isEqualTo(Phase.Degraded);
    }

    @Test
    void topicsStillBeingMadeAreDeployingWithTheOutcomesReason() {
        TopicsOutcome waiting =
                new TopicsOutcome(
                        List.of(
                                new TopicStatus()
                                        .setName("in")
                                        .setRole("input")
                                        .setReady(false)
                                        .setMessage("no Ready condition yet")),
                        "WaitingForTopicOperator",
                        true);
        EventPipelineStatus status =
                at("2026-01-01T00:00:00Z").progressed(pipeline(1, null), waiting, null);
        assertThat(status.getPhase()).isEqualTo(Phase.Deploying);
        assertThat(condition(status, ConditionType.TopicsReady).getReason())
                .isEqualTo("WaitingForTopicOperator");
        assertThat(condition(status, ConditionType.Ready).getMessage())
                .isEqualTo("topic in: no Ready condition yet");
        assertThat(condition(status, ConditionType.Reconciling).getStatus()).isEqualTo("True");

        TopicsOutcome refused =
                new TopicsOutcome(
                        List.of(
                                new TopicStatus()
                                        .setName("in")
                                        .setRole("input")
                                        .setReady(false)
                                        .setMessage("not Ready")),
                        "KafkaError",
                        false);
        EventPipelineStatus degraded =
                at("2026-01-01T00:00:00Z").progressed(pipeline(1, null), refused, null);
        assertThat(degraded.getPhase()).isEqualTo(Phase.Degraded);
        assertThat(condition(degraded, ConditionType.TopicsReady).getReason())
                .isEqualTo("KafkaError");
    }

    @Test
    void readyOnlyWhenTopicsAndJobAreReady() {
        EventPipelineStatus running =
                at("2026-01-01T00:00:00Z").progressed(pipeline(3, null), READY, job("RUNNING"));
        assertThat(condition(running, ConditionType.Ready).getStatus()).isEqualTo("True");
        assertThat(running.getObservedGeneration()).isEqualTo(3);
        assertThat(running.getConditions())
                .extracting(StatusCondition::getType)
                .containsExactly("SpecValid", "TopicsReady", "JobReady", "Ready");

        EventPipelineStatus deploying =
                at("2026-01-01T00:00:00Z").progressed(pipeline(3, null), READY, job("CREATED"));
        StatusCondition ready = condition(deploying, ConditionType.Ready);
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("Deploying");
        assertThat(ready.getMessage()).isEqualTo("job is CREATED");
    }

    @Test
    void transitionTimesMoveOnlyWhenAConditionChanges() {
        EventPipelineStatus first =
                at("2026-01-01T00:00:00Z").progressed(pipeline(1, null), READY, job("RUNNING"));
        EventPipelineStatus same =
                at("2026-01-01T01:00:00Z").progressed(pipeline(1, first), READY, job("RUNNING"));
        assertThat(same.getConditions()).isEqualTo(first.getConditions());

        EventPipelineStatus failed =
                at("2026-01-01T02:00:00Z").progressed(pipeline(1, same), READY, job("FAILED"));
        assertThat(condition(failed, ConditionType.JobReady).getLastTransitionTime())
                .isEqualTo("2026-01-01T02:00:00Z");
        assertThat(condition(failed, ConditionType.TopicsReady).getLastTransitionTime())
                .isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void anInvalidSpecKeepsWhatIsKnownAboutTheRunningJob() {
        EventPipelineStatus running =
                at("2026-01-01T00:00:00Z").progressed(pipeline(1, null), READY, job("RUNNING"));
        EventPipelineStatus invalid =
                at("2026-01-01T00:05:00Z")
                        .invalid(
                                pipeline(2, running),
                                List.of(
                                        new ValidationProblem("spec.a", "one"),
                                        new ValidationProblem("spec.b", "two")));
        assertThat(condition(invalid, ConditionType.SpecValid).getMessage())
                .isEqualTo("spec.a: one; spec.b: two");
        assertThat(condition(invalid, ConditionType.JobReady).getStatus()).isEqualTo("True");
        assertThat(invalid.getJob().getJobState()).isEqualTo("RUNNING");
        assertThat(invalid.getObservedGeneration()).isEqualTo(2);
    }

    private static List<String> types(EventPipelineStatus status) {
        return status.getConditions().stream().map(StatusCondition::getType).toList();
    }

    @Test
    void aRolloutTheFlinkOperatorHasNotFinishedIsNotReady() {
        StatusCalculator calc = at("2026-01-01T00:00:00Z");
        EventPipelineStatus running = calc.progressed(pipeline(2, null), READY, job("RUNNING"));
        assertThat(types(running)).doesNotContain("Reconciling", "Stalled");

        // The old job still runs, but the spec we wrote is not rolled out yet.
        EventPipelineStatus upgrading =
                calc.progressed(
                        pipeline(3, running),
                        READY,
                        job("RUNNING").setReconciliationState("UPGRADING").setRolloutPending(true));
        assertThat(upgrading.getPhase()).isEqualTo(Phase.Deploying);
        assertThat(condition(upgrading, ConditionType.Ready).getStatus()).isEqualTo("False");
        assertThat(condition(upgrading, ConditionType.Ready).getReason()).isEqualTo("Upgrading");
        assertThat(condition(upgrading, ConditionType.Reconciling).getStatus()).isEqualTo("True");
        assertThat(condition(upgrading, ConditionType.Reconciling).getReason())
                .isEqualTo("Upgrading");
        assertThat(types(upgrading)).doesNotContain("Stalled");

        EventPipelineStatus done =
                calc.progressed(
                        pipeline(3, upgrading),
                        READY,
                        job("RUNNING").setReconciliationState("DEPLOYED"));
        assertThat(done.getPhase()).isEqualTo(Phase.Running);
        assertThat(condition(done, ConditionType.Ready).getStatus()).isEqualTo("True");
        assertThat(types(done)).doesNotContain("Reconciling", "Stalled");
    }

    @Test
    void whatNeedsSomeoneToActIsStalled() {
        StatusCalculator calc = at("2026-01-01T00:00:00Z");
        EventPipelineStatus rolledBack =
                calc.progressed(
                        pipeline(4, null),
                        READY,
                        job("RUNNING").setReconciliationState("ROLLED_BACK").setError("boom"));
        assertThat(rolledBack.getPhase()).isEqualTo(Phase.Degraded);
        assertThat(condition(rolledBack, ConditionType.Stalled).getReason())
                .isEqualTo("RolledBack");
        assertThat(condition(rolledBack, ConditionType.Stalled).getMessage()).contains("boom");
        assertThat(types(rolledBack)).doesNotContain("Reconciling");

        EventPipelineStatus invalid =
                calc.invalid(
                        pipeline(5, null),
                        List.of(new ValidationProblem("spec.input.topic", "is required")));
        assertThat(condition(invalid, ConditionType.Stalled).getStatus()).isEqualTo("True");
        assertThat(condition(invalid, ConditionType.Stalled).getMessage())
                .contains("spec.input.topic");

        EventPipelineStatus failed = calc.progressed(pipeline(5, null), READY, job("FAILED"));
        assertThat(condition(failed, ConditionType.Stalled).getReason()).isEqualTo("JobFailed");

        EventPipelineStatus waiting = calc.progressed(pipeline(5, null), MISSING, null);
        assertThat(condition(waiting, ConditionType.Reconciling).getStatus()).isEqualTo("True");
        assertThat(types(waiting)).doesNotContain("Stalled");
    }
}
