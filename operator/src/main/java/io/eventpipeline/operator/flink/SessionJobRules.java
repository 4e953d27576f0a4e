package io.eventpipeline.operator.flink;

import io.eventpipeline.operator.config.SessionJobDefaults;
import io.eventpipeline.spec.model.FlinkSpec;
import io.eventpipeline.spec.resolved.ResolvedKafka;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a pipeline that runs as a FlinkSessionJob may not ask for: what belongs to the session
 * cluster it shares (image, JobManager and TaskManager resources, cluster-level Flink keys, Kafka
 * credentials mounted into pods), and session mode itself where the operator has no job jar to
 * give. Each problem names the field and what to do.
 */
public final class SessionJobRules {
    static final String FIELD = "spec.flink.sessionCluster";

    /** What a session cluster's name must be, for the spec's field and the operator's default. */
    public static final String NAME_RULE =
            "must be the name of a FlinkDeployment (lowercase letters, digits, '-' and '.')";

    private static final String OR_OWN_CLUSTER =
            "; remove it, or remove " + FIELD + " to run the pipeline in a cluster of its own";

    private final SessionJobDefaults defaults;

    public SessionJobRules(SessionJobDefaults defaults) {
        this.defaults = defaults;
    }

    /** Problems of the Flink settings; none when the pipeline runs in a cluster of its own. */
    public List<ValidationProblem> problems(FlinkSpec flink) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (flink == null || flink.getSessionCluster() == null) {
            return problems;
        }
        if (!flink.getSessionCluster().matches(FlinkSpec.SESSION_CLUSTER_SYNTAX)) {
            problems.add(new ValidationProblem(FIELD, NAME_RULE));
        }
        if (defaults.jarUri().isEmpty()) {
            problems.add(
                    new ValidationProblem(
                            FIELD,
                            "this operator runs no session jobs: it has no URI the Flink"
                                    + " Kubernetes Operator can fetch the job jar from"
                                    + " (EP_SESSION_JOB_JAR_URI, the chart's"
                                    + " sessionJobs.jarURI)"));
        }
        if (flink.getImage() != null) {
            problems.add(
                    new ValidationProblem(
                            "spec.flink.image",
                            "a session job runs in the session cluster's image" + OR_OWN_CLUSTER));
        }
        if (flink.getJobManager() != null) {
            problems.add(
                    new ValidationProblem(
                            "spec.flink.jobManager",
                            "a session job shares the session cluster's JobManager"
                                    + OR_OWN_CLUSTER));
        }
        if (flink.getTaskManager() != null) {
            problems.add(
                    new ValidationProblem(
                            "spec.flink.taskManager",
                            "a session job runs in the session cluster's TaskManagers, sized by"
                                    + " the session cluster"
                                    + OR_OWN_CLUSTER));
        }
        if (flink.getFlinkConfiguration() != null) {
            new TreeSet<>(flink.getFlinkConfiguration().keySet())
                    .stream()
                            .filter(key -> key != null)
                            .filter(key -> FlinkSessionJobRenderer.clusterLevel(key.trim()))
                            .forEach(
                                    key ->
                                            problems.add(
                                                    new ValidationProblem(
                                                            "spec.flink.flinkConfiguration." + key,
                                                            "configures the session cluster's"
                                                                    + " processes, which this job"
                                                                    + " shares with others: set"
                                                                    + " it on the session cluster"
                                                                    + OR_OWN_CLUSTER)));
        }
        return problems;
    }

    /**
     * The job reads Kafka credentials from environment variables and files of its pods, and a
     * session cluster's pods are the same for every job on it: a pipeline's own Secrets cannot
     * reach them.
     */
    public List<ValidationProblem> problems(FlinkSpec flink, ResolvedKafka kafka) {
        if (flink == null || flink.getSessionCluster() == null) {
            return List.of();
        }
        List<ValidationProblem> problems = new ArrayList<>();
        for (String secret : kafka.referencedSecretNames()) {
            problems.add(
                    new ValidationProblem(
                            FIELD,
                            "a session job runs in the session cluster's pods, which cannot carry"
                                    + " this pipeline's Kafka credentials (Secret "
                                    + secret
                                    + ", from "
                                    + kafka.fieldsNaming(secret)
                                    + "): use a Kafka listener without client credentials, or"
                                    + " remove "
                                    + FIELD
                                    + " to run the pipeline in a cluster of its own"));
        }
        return problems;
    }
}
