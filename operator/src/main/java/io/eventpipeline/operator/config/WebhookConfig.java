package io.eventpipeline.operator.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The validating admission webhook's settings, read from environment variables the chart sets when
 * {@code webhook.enabled}. Without {@code EP_WEBHOOK_PORT} the operator serves no webhook.
 *
 * @param port HTTPS port the API server calls
 * @param certDir directory holding {@code tls.crt} and {@code tls.key} (a mounted Secret of type
 *     kubernetes.io/tls); re-read when they change, so a rotated certificate needs no restart
 */
public record WebhookConfig(int port, Path certDir) {
    public static final Path DEFAULT_CERT_DIR = Path.of("/etc/eventpipeline/webhook");

    public static Optional<WebhookConfig> fromEnvironment(Map<String, String> env) {
        OperatorConfig.EnvReader read = new OperatorConfig.EnvReader(env);
        if (read.optional("EP_WEBHOOK_PORT").isEmpty()) {
            return Optional.empty();
        }
        int port = read.integer("EP_WEBHOOK_PORT", 0);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    "EP_WEBHOOK_PORT: expected a port between 1 and 65535, got " + port);
        }
        return Optional.of(
                new WebhookConfig(
                        port,
                        read.optional("EP_WEBHOOK_CERT_DIR")
                                .map(Path::of)
                                .orElse(DEFAULT_CERT_DIR)));
    }
}
