package io.eventpipeline.operator.bench;

import io.eventpipeline.operator.chart.HelmChart;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.flink.FlinkDeploymentRenderer;
import io.eventpipeline.operator.flink.FlinkSessionJobRenderer;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.operator.testing.SessionClusters;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.FlinkSessionJob;
import org.apache.flink.kubernetes.operator.api.spec.Resource;

/**
 * Resources requested by N pipelines in session mode against application mode, from what the
 * operator really renders: each pipeline's own FlinkDeployment (its JobManager and the TaskManagers
 * its parallelism needs at its slots per TaskManager) against N FlinkSessionJobs on the chart's
 * managed session cluster (its JobManager, and as many TaskManagers as the jobs' slots fill; Flink
 * starts them on demand). The pipeline is the flight-delays example (parallelism 2). Prints the
 * figures side by side; run on demand (operator/BENCHMARKS.md), never part of the test suite.
 *
 * <p>Arguments: {@code pipelines=N} adds N to the sizes printed; {@code values=<yaml>} (property
 * {@code bench.session.values}) chart values of the session cluster instead of its defaults (e.g.
 * {@code "sessionJobs: {sessionCluster: {enabled: true, taskManager: {slots: 16}}}"}).
 */
public final class SessionModeResources {
    static final String NAMESPACE = "bench";
    static final double TARGET = 0.2;

    record Requested(double cpu, BigDecimal memoryBytes, int pods) {
        static final Requested NONE = new Requested(0, BigDecimal.ZERO, 0);

        Requested plus(Requested other) {
            return new Requested(
                    cpu + other.cpu, memoryBytes.add(other.memoryBytes), pods + other.pods);
        }

        static Requested of(Resource resource, int pods) {
            return new Requested(
                    resource.getCpu() * pods,
                    Quantity.getAmountInBytes(new Quantity(resource.getMemory()))
                            .multiply(BigDecimal.valueOf(pods)),
                    pods);
        }

        String gib() {
            return memoryBytes
                    .divide(BigDecimal.valueOf(1L << 30))
                    .stripTrailingZeros()
                    .toPlainString();
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        TreeSet<Integer> sizes = new TreeSet<>(List.of(1, 10, 50, 100, 200));
        if (options.containsKey("pipelines")) {
            sizes.add(Integer.parseInt(options.get("pipelines")));
        }
        // The chart's defaults, with a default Kafka cluster and state directories as a platform
        // sets them, and its managed session cluster.
        String values =
                "kafka: {bootstrapServers: \"kafka-bootstrap.kafka:9092\"}\n"
                        + "job: {checkpointDir: \"s3://flink-state/checkpoints\","
                        + " savepointDir: \"s3://flink-state/savepoints\"}\n"
                        + (options.getOrDefault("values", "").isBlank()
                                ? "sessionJobs: {sessionCluster: {enabled: true}}\n"
                                : options.get("values") + "\n");
        HelmChart.Rendered chart = HelmChart.template(values);
        OperatorConfig config = chart.operatorConfig();
        FlinkDeployment sessionCluster =
                chart.objects().stream()
                        .filter(o -> "FlinkDeployment".equals(o.getKind()))
                        .map(
                                o ->
                                        Serialization.unmarshal(
                                                Serialization.asJson(o), FlinkDeployment.class))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "the values render no session cluster"));
        int slotsPerTaskManager =
                Integer.parseInt(
                        sessionCluster
                                .getSpec()
                                .getFlinkConfiguration()
                                .get("taskmanager.numberOfTaskSlots"));

        PipelineResolver resolver = new PipelineResolver(config, new PipelineValidator());
        FlinkDeploymentRenderer deployments = new FlinkDeploymentRenderer(config.jobDefaults());
        FlinkSessionJobRenderer sessionJobs =
                new FlinkSessionJobRenderer(
                        deployments, config.sessionJobs().jarUri().orElseThrow());

        System.out.printf(
                "session mode vs application mode: the flight-delays example (parallelism 2);"
                        + " session cluster from the chart: JobManager %s CPU %s, TaskManagers %s"
                        + " CPU %s with %d slots%n",
                sessionCluster.getSpec().getJobManager().getResource().getCpu(),
                sessionCluster.getSpec().getJobManager().getResource().getMemory(),
                sessionCluster.getSpec().getTaskManager().getResource().getCpu(),
                sessionCluster.getSpec().getTaskManager().getResource().getMemory(),
                slotsPerTaskManager);
        System.out.printf(
                "%9s | %28s | %28s | %24s%n",
                "pipelines",
                "application: CPU / GiB / pods",
                "session: CPU / GiB / pods",
                "session/application");
        boolean met = true;
        for (int n : sizes) {
            Requested application = Requested.NONE;
            int slots = 0;
            for (int i = 0; i < n; i++) {
                String yaml = Pipelines.flightDelays(NAMESPACE, "p-" + i);
                application =
                        application.plus(
                                ownCluster(deployments.render(resolve(resolver, yaml), null)));
                FlinkSessionJob job =
                        sessionJobs.render(
                                resolve(
                                        resolver,
                                        SessionClusters.onSessionCluster(
                                                yaml, sessionCluster.getMetadata().getName())),
                                null);
                // One slot sharing group: a job needs as many slots as its highest parallelism.
                slots += job.getSpec().getJob().getParallelism();
            }
            int taskManagers = (slots + slotsPerTaskManager - 1) / slotsPerTaskManager;
            Requested session =
                    Requested.of(
                                    sessionCluster.getSpec().getJobManager().getResource(),
                                    sessionCluster.getSpec().getJobManager().getReplicas())
                            .plus(
                                    Requested.of(
                                            sessionCluster.getSpec().getTaskManager().getResource(),
                                            taskManagers));
            double cpuRatio = session.cpu / application.cpu;
            double memoryRatio =
                    session.memoryBytes.doubleValue() / application.memoryBytes.doubleValue();
            double podRatio = (double) session.pods / application.pods;
            System.out.printf(
                    "%9d | %8.1f / %8s / %6d | %8.1f / %8s / %6d | %5.1f%% / %5.1f%% / %5.1f%%%n",
                    n,
                    application.cpu,
                    application.gib(),
                    application.pods,
                    session.cpu,
                    session.gib(),
                    session.pods,
                    100 * cpuRatio,
                    100 * memoryRatio,
                    100 * podRatio);
            if (n == 50) {
                met = cpuRatio <= TARGET && memoryRatio <= TARGET && podRatio <= TARGET;
            }
        }
        System.out.println(
                "target for 50 pipelines, at most a fifth of application mode's CPU, memory and"
                        + " pods: "
                        + (met ? "met" : "MISSED"));
    }

    /** A pipeline's own cluster: its JobManagers and the TaskManagers its slots need. */
    static Requested ownCluster(FlinkDeployment deployment) {
        int parallelism = deployment.getSpec().getJob().getParallelism();
        int slots =
                Integer.parseInt(
                        deployment
                                .getSpec()
                                .getFlinkConfiguration()
                                .getOrDefault("taskmanager.numberOfTaskSlots", "1"));
        int taskManagers = (parallelism + slots - 1) / slots;
        return Requested.of(
                        deployment.getSpec().getJobManager().getResource(),
                        deployment.getSpec().getJobManager().getReplicas())
                .plus(
                        Requested.of(
                                deployment.getSpec().getTaskManager().getResource(), taskManagers));
    }

    private static ResolvedPipeline resolve(PipelineResolver resolver, String yaml)
            throws Exception {
        return resolver.resolve(PipelineDefinition.parse(yaml));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                unknown.add(arg);
            } else {
                options.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("expected key=value, got " + unknown);
        }
        return options;
    }
}
