package io.eventpipeline.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventpipeline.operator.admission.CredentialAccess;
import io.eventpipeline.operator.admission.PipelineAdmission;
import io.eventpipeline.operator.admission.ServingCertificate;
import io.eventpipeline.operator.admission.WebhookServer;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.config.SessionJobDefaults;
import io.eventpipeline.operator.config.WebhookConfig;
import io.eventpipeline.operator.http.HealthServer;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.operator.render.RenderCommand;
import io.eventpipeline.spec.BuildVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point. {@code run} runs the operator against the cluster of the current kubeconfig or
 * service account; {@code render -f FILE} prints what it would create for a pipeline, with no
 * cluster; {@code help} and {@code --version} ({@link CommandLine}).
 */
public final class Main {
    static {
        // A dependency (flink-kubernetes-operator-api) ships a log4j2.properties, which log4j
        // would pick over ours; name ours explicitly, unless the deployment chose another.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "eventpipeline-operator-log4j2.xml");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (!CommonPoolParallelism.ensure()) {
            LOG.warn(
                    "CompletableFuture's default executor starts a thread per task on this"
                            + " machine; set -D{}=2",
                    CommonPoolParallelism.PROPERTY);
        }
        List<String> arguments = Arrays.asList(args);
        CommandLine.Action action = CommandLine.action(arguments);
        switch (action) {
            case HELP -> {
                System.out.print(CommandLine.USAGE);
                return;
            }
            case VERSION -> {
                System.out.println("eventpipeline-operator " + BuildVersion.current());
                return;
            }
            case USAGE_ERROR -> System.exit(CommandLine.usageError(arguments, System.err));
            default -> {
                // RUN and RENDER need the configuration.
            }
        }
        OperatorConfig config;
        Optional<WebhookConfig> webhook;
        try {
            config = OperatorConfig.fromEnvironment(System.getenv());
            webhook = WebhookConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("invalid configuration: " + e.getMessage());
            System.exit(RenderCommand.USAGE);
            return;
        }
        if (action == CommandLine.Action.RENDER) {
            System.exit(
                    new RenderCommand(config, System.in, System.out, System.err)
                            .run(arguments.subList(1, arguments.size())));
        }
        run(config, webhook);
    }

    private static void run(OperatorConfig config, Optional<WebhookConfig> webhookConfig)
            throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KubernetesClient client = new KubernetesClientBuilder().build();
        // One resolver, so a spec the webhook admitted is not validated again when reconciled.
        EventPipelineOperator.Parts parts = EventPipelineOperator.Parts.of(config);
        // Before the operator: a follower replica serves admission while it waits for the lease.
        WebhookServer webhook =
                webhookConfig.isPresent()
                        ? webhook(parts.resolver(), webhookConfig.get(), client)
                        : null;
        EventPipelineOperator operator;
        try {
            operator =
                    EventPipelineOperator.start(
                            config, client, registry, Clock.systemUTC(), o -> {}, parts);
        } catch (RuntimeException e) {
            // Most often the API server cannot be reached or refuses us: say which, in one line.
            LOG.debug("start failed", e);
            System.err.println(
                    "cannot start: the Kubernetes API at "
                            + client.getMasterUrl()
                            + " answered: "
                            + rootCause(e));
            System.exit(1);
            return;
        }
        // Not before the start: a signal while it hangs (no API server) ends the JVM at once.
        StopRequest stop = new StopRequest();
        stop.onTerminationSignals();
        HealthServer http =
                new HealthServer(
                        new InetSocketAddress(config.httpPort()),
                        operator::isLive,
                        operator::isReady,
                        registry::scrape);
        config.sessionJobs()
                .jarFile()
                .ifPresent(jar -> http.serving(SessionJobDefaults.JAR_PATH, jar));
        http.start();
        LOG.info(
                "eventpipeline-operator started; health and metrics on port {}; watching {}",
                http.port(),
                config.watchNamespaces().isEmpty() ? "all namespaces" : config.watchNamespaces());
        if (config.leaderElection() != null && config.leaderElection().exitOnLoss()) {
            operator.leadershipLost()
                    .thenRun(
                            () ->
                                    stop.request(
                                            "another replica took the lease",
                                            StopRequest.LEADERSHIP_LOST));
        }
        Runnable shutdown =
                new RunOnce(
                        () -> {
                            http.close();
                            if (webhook != null) {
                                webhook.close();
                            }
                            operator.close();
                            client.close();
                        });
        // Whoever else ends the JVM (JOSDK does when an informer dies) still gets a clean stop.
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown));
        StopRequest.Reason reason = stop.await();
        LOG.info("stopping ({})", reason.description());
        shutdown.run();
        LOG.info("stopped; exit status {}", reason.exitStatus());
        System.exit(reason.exitStatus());
    }

    private static WebhookServer webhook(
            PipelineResolver resolver, WebhookConfig webhookConfig, KubernetesClient client)
            throws IOException {
        ObjectMapper json = Serialization.jsonMapper();
        WebhookServer server =
                new WebhookServer(
                                new InetSocketAddress(webhookConfig.port()),
                                new ServingCertificate(webhookConfig.certDir()).sslContext(),
                                new PipelineAdmission(
                                        resolver::resolve,
                                        CredentialAccess.reviewedBy(client),
                                        json),
                                json)
                        .start();
        LOG.info(
                "admission webhook on port {} (HTTPS, {}), certificate from {}",
                server.port(),
                WebhookServer.PATH,
                webhookConfig.certDir());
        return server;
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message =
                cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("");
        return cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** Runs its task the first time only; later callers wait until that run has finished. */
    private static final class RunOnce implements Runnable {
        private final Runnable task;
        private boolean done;

        RunOnce(Runnable task) {
            this.task = task;
        }

        @Override
        public synchronized void run() {
            if (!done) {
                done = true;
                task.run();
            }
        }
    }
}
