package io.eventpipeline.operator.bench;

import io.eventpipeline.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

/**
 * The JDK HTTP client production uses, under a name of its own: fabric8 names its HTTP threads
 * after the factory's class ({@code OperatorHttpClient-<hash>-pool-…}), so the benchmark can tell
 * the operator's responses and watch events from those of its own clients, which share the JVM.
 */
final class OperatorHttpClient extends JdkHttpClientFactory {
    static final String THREAD_PREFIX = OperatorHttpClient.class.getSimpleName() + "-";

    /** A client of the same API server as {@code like}, with the operator's User-Agent. */
    static KubernetesClient of(KubernetesClient like) {
        return new KubernetesClientBuilder()
                .withConfig(
                        new ConfigBuilder(like.getConfiguration())
                                .withUserAgent(OperatorHarness.OPERATOR_USER_AGENT)
                                .build())
                .withHttpClientFactory(new OperatorHttpClient())
                .build();
    }
}
