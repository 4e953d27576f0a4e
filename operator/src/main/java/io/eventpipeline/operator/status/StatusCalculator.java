package io.eventpipeline.operator.status;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.EventPipelineStatus;
import io.eventpipeline.operator.api.JobSummary;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.topics.TopicOperationException;
import io.eventpipeline.operator.topics.TopicsOutcome;
import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Computes the next status of a pipeline from what the reconciler observed. Pure apart from the
 * clock, and it starts from the current status, so conditions that did not change keep their
 * transition times.
 */
public final class StatusCalculator {
    private static final Set<String> STOPPED_JOB_STATES =
            Set.of("SUSPENDED", "FINISHED", "CANCELED");

    private static final String ROLLED_BACK = "RolledBack";

    private final Clock clock;

    public StatusCalculator(Clock clock) {
        this.clock = clock;
    }

    /** The spec cannot run: nothing was created or changed. */
    public EventPipelineStatus invalid(EventPipeline pipeline, List<ValidationProblem> problems) {
        EventPipelineStatus status = copyOf(pipeline);
        Conditions conditions = conditions(pipeline, status);
        String message =
                problems.stream()
                        .map(ValidationProblem::toString)
                        .collect(Collectors.joining("; "));
        conditions.set(ConditionType.SpecValid, false, "Invalid", message);
        conditions.set(ConditionType.Ready, false, "SpecInvalid", message);
        return finish(pipeline, status, conditions, Phase.Failed);
    }

    /** Kafka could not be asked or refused a request; the previous topic list is kept. */
    /**
     * The job cannot be deployed until someone acts (e.g. another's FlinkDeployment holds the
     * name); the topics stay as last reported.
     */
    public EventPipelineStatus jobRefused(EventPipeline pipeline, String reason, String message) {
        EventPipelineStatus status = copyOf(pipeline);
        Conditions conditions = conditions(pipeline, status);
        conditions.set(ConditionType.SpecValid, true, "Valid", "");
        conditions.set(ConditionType.JobReady, false, reason, message);
        conditions.set(ConditionType.Ready, false, reason, message);
        return finish(pipeline, status, conditions, Phase.Failed);
    }

    public EventPipelineStatus topicsFailed(EventPipeline pipeline, TopicOperationException e) {
        EventPipelineStatus status = copyOf(pipeline);
        Conditions conditions = conditions(pipeline, status);
        conditions.set(ConditionType.SpecValid, true, "Valid", "");
        conditions.set(ConditionType.TopicsReady, false, e.failure().name(), e.getMessage());
        conditions.set(ConditionType.Ready, false, e.failure().name(), e.getMessage());
        status.getTopics().forEach(t -> t.setReady(false));
        return finish(pipeline, status, conditions, Phase.Degraded);
    }

    /**
     * Topics were reconciled; {@code job} is the FlinkDeployment's summary, or {@code null} when
     * there is none yet.
     */
    public EventPipelineStatus progressed(
            EventPipeline pipeline, TopicsOutcome topics, JobSummary job) {
        EventPipelineStatus status = copyOf(pipeline);
        Conditions conditions = conditions(pipeline, status);
        conditions.set(ConditionType.SpecValid, true, "Valid", "");
        status.setTopics(topics.topics());
        status.setJob(job);
        boolean suspend = Boolean.TRUE.equals(pipeline.getSpec().getSuspend());

        Phase phase;
        if (topics.allReady()) {
            conditions.set(ConditionType.TopicsReady, true, "TopicsReady", topics.advice());
        } else {
            conditions.set(
                    ConditionType.TopicsReady, false, topics.reason(), topics.firstProblem());
        }
        String jobState = job == null ? null : job.getJobState();
        String lifecycle = job == null ? null : job.getLifecycleState();
        if (job == null) {
            String why =
                    topics.allReady()
                            ? "FlinkDeployment written; waiting for the Flink operator"
                            : "waiting for topics";
            conditions.set(ConditionType.JobReady, false, "Deploying", why);
            phase = topics.allReady() || topics.progressing() ? Phase.Deploying : Phase.Degraded;
        } else if ("FAILED".equals(lifecycle) || "FAILED".equals(jobState)) {
            String error = job.getError() == null ? "the job failed" : job.getError();
            conditions.set(ConditionType.JobReady, false, "JobFailed", error);
            phase = Phase.Failed;
        } else if ("ROLLED_BACK".equals(job.getReconciliationState())) {
            String error = job.getError() == null ? "" : ": " + job.getError();
            conditions.set(
                    ConditionType.JobReady,
                    false,
                    ROLLED_BACK,
                    "the upgrade failed and the Flink operator rolled back to the last stable spec"
                            + error);
            phase = Phase.Degraded;
        } else if (job.rolloutInFlight()) {
            // Honest while the Flink operator has not yet run the spec we wrote: not Ready.
            conditions.set(
                    ConditionType.JobReady,
                    false,
                    "Upgrading",
                    "the Flink operator is rolling out the latest spec"
                            + (job.getReconciliationState() == null
                                    ? ""
                                    : " (" + job.getReconciliationState() + ")"));
            phase = Phase.Deploying;
        } else if (suspend) {
            boolean stopped =
                    "SUSPENDED".equals(lifecycle)
                            || (jobState != null && STOPPED_JOB_STATES.contains(jobState));
            conditions.set(
                    ConditionType.JobReady,
                    false,
                    "Suspended",
                    stopped ? "suspended on request" : "suspending");
            phase = stopped ? Phase.Suspended : Phase.Deploying;
        } else if ("RUNNING".equals(jobState)) {
            conditions.set(ConditionType.JobReady, true, "Running", "job " + job.getJobId());
            phase = Phase.Running;
        } else {
            String state =
                    jobState == null ? (lifecycle == null ? "starting" : lifecycle) : jobState;
            conditions.set(ConditionType.JobReady, false, "Deploying", "job is " + state);
            phase = Phase.Deploying;
        }
        if (phase == Phase.Running && !topics.allReady()) {
            phase = Phase.Degraded;
        }

        if (conditions.isTrue(ConditionType.TopicsReady)
                && conditions.isTrue(ConditionType.JobReady)) {
            conditions.set(ConditionType.Ready, true, "Running", "");
        } else {
            ConditionType failing =
                    conditions.isTrue(ConditionType.TopicsReady)
                            ? ConditionType.JobReady
                            : ConditionType.TopicsReady;
            var cause = conditions.find(failing).orElseThrow();
            conditions.set(ConditionType.Ready, false, cause.getReason(), cause.getMessage());
        }
        return finish(pipeline, status, conditions, phase);
    }

    private EventPipelineStatus finish(
            EventPipeline pipeline,
            EventPipelineStatus status,
            Conditions conditions,
            Phase phase) {
        kstatus(conditions, phase);
        status.setConditions(conditions.toList());
        status.setPhase(phase);
        status.setObservedGeneration(pipeline.getMetadata().getGeneration());
        return status;
    }

    /**
     * The kstatus conditions, as kubectl wait, Argo CD, Flux and kstatus read them: {@code Stalled}
     * when progress needs someone to act (failed, rolled back), {@code Reconciling} while work
     * towards the spec goes on; each absent when not true.
     */
    private static void kstatus(Conditions conditions, Phase phase) {
        var ready = conditions.find(ConditionType.Ready);
        String reason = ready.map(c -> c.getReason()).orElse("");
        String message = ready.map(c -> c.getMessage()).orElse("");
        boolean rolledBack =
                conditions
                        .find(ConditionType.JobReady)
                        .map(c -> ROLLED_BACK.equals(c.getReason()))
                        .orElse(false);
        if (phase == Phase.Failed || rolledBack) {
            conditions.set(ConditionType.Stalled, true, reason, message);
            conditions.remove(ConditionType.Reconciling);
        } else if (phase == Phase.Deploying || phase == Phase.Degraded) {
            conditions.set(ConditionType.Reconciling, true, reason, message);
            conditions.remove(ConditionType.Stalled);
        } else {
            conditions.remove(ConditionType.Reconciling);
            conditions.remove(ConditionType.Stalled);
        }
    }

    private Conditions conditions(EventPipeline pipeline, EventPipelineStatus status) {
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        return new Conditions(status.getConditions(), pipeline.getMetadata().getGeneration(), now);
    }

    private static EventPipelineStatus copyOf(EventPipeline pipeline) {
        EventPipelineStatus current = pipeline.getStatus();
        return current == null
                ? new EventPipelineStatus()
                : PipelineJson.copy(current, EventPipelineStatus.class);
    }
}
