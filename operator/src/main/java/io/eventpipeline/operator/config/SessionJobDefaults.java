package io.eventpipeline.operator.config;

import io.eventpipeline.operator.flink.SessionJobRules;
import io.eventpipeline.spec.model.FlinkSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * What a pipeline that runs as a FlinkSessionJob on a shared session cluster needs from the
 * operator.
 *
 * @param jarUri where the Flink Kubernetes Operator fetches the job jar it uploads to the session
 *     cluster (EP_SESSION_JOB_JAR_URI): http(s), or a Flink file system its image has a plugin for.
 *     The chart points it at this operator's own Service, which serves {@code jarFile}; empty: no
 *     pipeline can run in session mode, and one that asks is told so
 * @param jarFile the job jar this operator serves at {@link #JAR_PATH} of its HTTP port
 *     (EP_SESSION_JOB_JAR_FILE); empty: none served
 * @param defaultCluster the session cluster (a FlinkDeployment in the pipeline's namespace) a new
 *     pipeline runs on when its spec names none and asks for nothing of a cluster of its own
 *     (EP_DEFAULT_SESSION_CLUSTER); empty: such a pipeline gets a cluster of its own
 */
public record SessionJobDefaults(
        Optional<String> jarUri, Optional<Path> jarFile, Optional<String> defaultCluster) {
    /** Where the HTTP port serves the job jar. */
    public static final String JAR_PATH = "/jobs/pipeline-job.jar";

    /**
     * The Flink operator fetches http(s) itself and anything else through Flink's file systems;
     * {@code local://} names a file in a pod the job is not started in, so it is refused.
     */
    private static final Set<String> FETCHABLE =
            Set.of(
                    "http", "https", "s3", "s3a", "s3p", "gs", "abfs", "abfss", "wasb", "wasbs",
                    "oss", "hdfs");

    public static SessionJobDefaults none() {
        return new SessionJobDefaults(Optional.empty(), Optional.empty(), Optional.empty());
    }

    static SessionJobDefaults fromEnvironment(OperatorConfig.EnvReader read) {
        Optional<String> uri = read.optional("EP_SESSION_JOB_JAR_URI");
        uri.ifPresent(SessionJobDefaults::checkFetchable);
        Optional<String> defaultCluster = read.optional("EP_DEFAULT_SESSION_CLUSTER");
        defaultCluster.ifPresent(
                name -> {
                    if (!name.matches(FlinkSpec.SESSION_CLUSTER_SYNTAX)) {
                        throw new IllegalArgumentException(
                                "EP_DEFAULT_SESSION_CLUSTER: "
                                        + SessionJobRules.NAME_RULE
                                        + ", got "
                                        + name);
                    }
                    if (uri.isEmpty()) {
                        throw new IllegalArgumentException(
                                "EP_DEFAULT_SESSION_CLUSTER: this operator runs no session jobs:"
                                        + " it has no EP_SESSION_JOB_JAR_URI");
                    }
                });
        return new SessionJobDefaults(
                uri, read.optional("EP_SESSION_JOB_JAR_FILE").map(Path::of), defaultCluster);
    }

    private static void checkFetchable(String value) {
        String scheme;
        try {
            scheme = new URI(value).getScheme();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "EP_SESSION_JOB_JAR_URI: not a URI: " + e.getMessage());
        }
        if (scheme == null || !FETCHABLE.contains(scheme)) {
            throw new IllegalArgumentException(
                    "EP_SESSION_JOB_JAR_URI: the Flink Kubernetes Operator fetches a session job's"
                            + " jar itself, over http(s) or a Flink file system ("
                            + String.join(", ", FETCHABLE.stream().sorted().toList())
                            + "), got "
                            + value);
        }
    }
}
