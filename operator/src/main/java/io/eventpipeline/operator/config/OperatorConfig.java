package io.eventpipeline.operator.config;

import io.eventpipeline.operator.flink.FlinkConfigurationPolicy;
import io.eventpipeline.operator.flink.FlinkKeyPattern;
import io.eventpipeline.operator.flink.JobImagePolicy;
import io.eventpipeline.spec.Durations;
import io.eventpipeline.spec.resolved.ResolvedTopicManagement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's settings, read once at start from environment variables (the Helm chart maps its
 * values onto them). Everything a pipeline leaves out is taken from here.
 *
 * @param defaultBootstrapServers Kafka cluster for pipelines without spec.kafka
 * @param defaultAuthSecret Secret (in the pipeline's namespace) with Kafka client settings for
 *     pipelines without spec.kafka.authSecretRef
 * @param jobDefaults what the rendered FlinkDeployment gets when the spec does not say
 * @param watchNamespaces namespaces to watch; empty means all
 * @param leaderElection lease settings; {@code null} disables leader election
 * @param httpPort port of the health and metrics endpoints
 * @param kafkaAdminTimeout how long one Kafka Admin call may take before Kafka counts as
 *     unreachable
 * @param resyncInterval how often a settled pipeline is checked again (topic drift is not an event
 *     Kubernetes can deliver)
 * @param pipelinePolicy what the platform team lets pipelines set beyond the defaults
 * @param defaultTopics how the topics of pipelines on the default cluster are made
 *     (EP_KAFKA_TOPIC_MANAGEMENT, EP_KAFKA_STRIMZI_CLUSTER)
 * @param sessionJobs where session jobs get the job jar (EP_SESSION_JOB_JAR_URI,
 *     EP_SESSION_JOB_JAR_FILE), and the default session cluster (EP_DEFAULT_SESSION_CLUSTER)
 */
public record OperatorConfig(
        Optional<String> defaultBootstrapServers,
        Optional<String> defaultAuthSecret,
        JobDefaults jobDefaults,
        List<String> watchNamespaces,
        LeaderElection leaderElection,
        int httpPort,
        Duration kafkaAdminTimeout,
        Duration resyncInterval,
        PipelinePolicy pipelinePolicy,
        ResolvedTopicManagement defaultTopics,
        SessionJobDefaults sessionJobs) {

    /**
     * The platform team's widening of what an EventPipeline may set; checked by the operator's
     * flink package, which fails the start on an entry it cannot use.
     *
     * @param allowedFlinkConfiguration keys or prefixes ({@code a.b.*}) of
     *     spec.flink.flinkConfiguration allowed beyond the default allow-list
     *     (EP_ALLOWED_FLINK_CONFIGURATION)
     * @param allowedImages image repositories, or path prefixes ending in '/', that
     *     spec.flink.image may name besides the job image's own repository (EP_ALLOWED_JOB_IMAGES)
     */
    public record PipelinePolicy(
            List<String> allowedFlinkConfiguration, List<String> allowedImages) {
        public PipelinePolicy {
            allowedFlinkConfiguration = List.copyOf(allowedFlinkConfiguration);
            allowedImages = List.copyOf(allowedImages);
        }

        /**
         * @throws IllegalArgumentException naming EP_ALLOWED_FLINK_CONFIGURATION and the entry that
         *     is not a key or prefix, or is a key the operator owns
         */
        public FlinkConfigurationPolicy flinkConfiguration() {
            try {
                return new FlinkConfigurationPolicy(
                        allowedFlinkConfiguration.stream().map(FlinkKeyPattern::new).toList());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "EP_ALLOWED_FLINK_CONFIGURATION: " + e.getMessage(), e);
            }
        }

        /**
         * @param defaultImage the job image, whose repository is always allowed
         * @throws IllegalArgumentException naming EP_ALLOWED_JOB_IMAGES and the entry
         */
        public JobImagePolicy images(String defaultImage) {
            try {
                return new JobImagePolicy(defaultImage, allowedImages);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("EP_ALLOWED_JOB_IMAGES: " + e.getMessage(), e);
            }
        }

        /** Nothing beyond the defaults. */
        public static PipelinePolicy defaults() {
            return new PipelinePolicy(List.of(), List.of());
        }
    }

    /**
     * Lease-based leader election, so that only one replica reconciles.
     *
     * @param identity this replica's name in the lease (the pod name)
     * @param exitOnLoss end the process when another replica takes the lease, so that Kubernetes
     *     restarts it as a follower ({@code main} does this; always in production; tests that run
     *     several operators in one JVM turn it off)
     */
    public record LeaderElection(
            String leaseName, String leaseNamespace, String identity, boolean exitOnLoss) {}

    public static final String PREFIX = "EP_";

    /** Reads the configuration from environment variables; see README "Operator configuration". */
    public static OperatorConfig fromEnvironment(Map<String, String> env) {
        EnvReader read = new EnvReader(env);
        LeaderElection leaderElection = null;
        if (read.bool("EP_LEADER_ELECTION_ENABLED", false)) {
            leaderElection =
                    new LeaderElection(
                            read.string("EP_LEADER_ELECTION_LEASE_NAME", "eventpipeline-operator"),
                            read.optional("EP_LEADER_ELECTION_NAMESPACE")
                                    .or(() -> read.optional("POD_NAMESPACE"))
                                    .orElseThrow(
                                            () ->
                                                    new IllegalArgumentException(
                                                            "EP_LEADER_ELECTION_NAMESPACE (or"
                                                                    + " POD_NAMESPACE) is required"
                                                                    + " when leader election is"
                                                                    + " enabled")),
                            read.optional("POD_NAME")
                                    .or(() -> read.optional("HOSTNAME"))
                                    .orElse(java.util.UUID.randomUUID().toString()),
                            true);
        }
        JobDefaults jobDefaults = JobDefaults.fromEnvironment(read);
        PipelinePolicy policy =
                new PipelinePolicy(
                        read.list("EP_ALLOWED_FLINK_CONFIGURATION"),
                        read.list("EP_ALLOWED_JOB_IMAGES"));
        // Fails the start on an entry the operator cannot use, naming the variable.
        policy.flinkConfiguration();
        policy.images(jobDefaults.image());
        return new OperatorConfig(
                read.optional("EP_KAFKA_BOOTSTRAP_SERVERS"),
                read.optional("EP_KAFKA_AUTH_SECRET"),
                jobDefaults,
                read.list("EP_WATCH_NAMESPACES"),
                leaderElection,
                read.integer("EP_HTTP_PORT", 8080),
                read.duration("EP_KAFKA_ADMIN_TIMEOUT", Duration.ofSeconds(10)),
                read.duration("EP_RESYNC_INTERVAL", Duration.ofMinutes(5)),
                policy,
                DefaultTopicManagement.read(
                        read.optional("EP_KAFKA_TOPIC_MANAGEMENT"),
                        read.optional("EP_KAFKA_STRIMZI_CLUSTER")),
                SessionJobDefaults.fromEnvironment(read));
    }

    /** Settings with every default, no default Kafka cluster: for tests and {@code render}. */
    public static OperatorConfig defaults() {
        return fromEnvironment(Map.of());
    }

    public OperatorConfig withLeaderElection(LeaderElection election) {
        return new OperatorConfig(
                defaultBootstrapServers,
                defaultAuthSecret,
                jobDefaults,
                watchNamespaces,
                election,
                httpPort,
                kafkaAdminTimeout,
                resyncInterval,
                pipelinePolicy,
                defaultTopics,
                sessionJobs);
    }

    public OperatorConfig withSessionJobs(SessionJobDefaults jobs) {
        return new OperatorConfig(
                defaultBootstrapServers,
                defaultAuthSecret,
                jobDefaults,
                watchNamespaces,
                leaderElection,
                httpPort,
                kafkaAdminTimeout,
                resyncInterval,
                pipelinePolicy,
                defaultTopics,
                jobs);
    }

    private static List<String> splitList(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Typed reads of environment variables with the variable named in every error. */
    static final class EnvReader {
        private final Map<String, String> env;

        EnvReader(Map<String, String> env) {
            this.env = env;
        }

        Optional<String> optional(String name) {
            return Optional.ofNullable(env.get(name)).map(String::trim).filter(s -> !s.isEmpty());
        }

        /** A comma-separated list; empty when unset. */
        List<String> list(String name) {
            return optional(name).map(OperatorConfig::splitList).orElse(List.of());
        }

        String string(String name, String fallback) {
            return optional(name).orElse(fallback);
        }

        boolean bool(String name, boolean fallback) {
            return optional(name)
                    .map(
                            v -> {
                                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                                    throw new IllegalArgumentException(
                                            name + ": expected true or false, got '" + v + "'");
                                }
                                return Boolean.parseBoolean(v);
                            })
                    .orElse(fallback);
        }

        int integer(String name, int fallback) {
            return optional(name)
                    .map(
                            v -> {
                                try {
                                    return Integer.parseInt(v);
                                } catch (NumberFormatException e) {
                                    throw new IllegalArgumentException(
                                            name + ": expected a whole number, got '" + v + "'");
                                }
                            })
                    .orElse(fallback);
        }

        double decimal(String name, double fallback) {
            return optional(name)
                    .map(
                            v -> {
                                try {
                                    return Double.parseDouble(v);
                                } catch (NumberFormatException e) {
                                    throw new IllegalArgumentException(
                                            name + ": expected a number, got '" + v + "'");
                                }
                            })
                    .orElse(fallback);
        }

        Duration duration(String name, Duration fallback) {
            return optional(name)
                    .map(
                            v -> {
                                try {
                                    return Durations.parse(v);
                                } catch (IllegalArgumentException e) {
                                    throw new IllegalArgumentException(
                                            name + ": " + e.getMessage());
                                }
                            })
                    .orElse(fallback);
        }
    }
}
