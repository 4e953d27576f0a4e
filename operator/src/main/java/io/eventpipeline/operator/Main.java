package io.eventpipeline.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventpipeline.operator.admission.CredentialAccess;
import io.eventpipeline.operator.admission.PipelineAdmission;
import io.eventpipeline.operator.admission.ServingCertificate;
import io.eventpipeline.operator.admission.WebhookServer;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.config.WebhookConfig;
import io.eventpipeline.operator.http.HealthServer;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.operator.render.RenderCommand;
import io.eventpipeline.spec.validation.PipelineValidator;
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
 * Entry point. {@code run} (the default) runs the operator against the cluster of the current
 * kubeconfig or service account; {@code render -f FILE} prints what it would create for a pipeline,
 * with no cluster.
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
        List<String> arguments = Arrays.asList(args);
        String command = arguments.isEmpty() ? "run" : arguments.get(0);
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
        switch (command) {
            case "run" -> run(config, webhook);
            case "render" ->
                    System.exit(
                            new RenderCommand(config, System.out, System.err)
                                    .run(arguments.subList(1, arguments.size())));
            default -> {
                System.err.println(
                        "usage: [run] | render -f <EventPipeline YAML file> [--against <earlier"
                                + " file>]");
                System.exit(RenderCommand.USAGE);
            }
        }
    }

    private static void run(OperatorConfig config, Optional<WebhookConfig> webhookConfig)
            throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KubernetesClient client = new KubernetesClientBuilder().build();
        // Before the operator: a follower replica serves admission while it waits for the lease.
        WebhookServer webhook =
                webhookConfig.isPresent() ? webhook(config, webhookConfig.get(), client) : null;
        EventPipelineOperator operator =
                EventPipelineOperator.start(config, client, registry, Clock.systemUTC(), o -> {});
        // Not before the start: a signal while it hangs (no API server) ends the JVM at once.
        StopRequest stop = new StopRequest();
        stop.onTerminationSignals();
        HealthServer http =
                new HealthServer(
                                config.httpPort(),
                                operator::isLive,
                                operator::isReady,
                                registry::scrape)
                        .start();
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
            OperatorConfig config, WebhookConfig webhookConfig, KubernetesClient client)
            throws IOException {
        ObjectMapper json = Serialization.jsonMapper();
        PipelineResolver resolver = new PipelineResolver(config, new PipelineValidator());
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
