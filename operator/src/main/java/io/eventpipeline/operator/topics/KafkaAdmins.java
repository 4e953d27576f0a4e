package io.eventpipeline.operator.topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One {@link TopicAdmin} per Kafka cluster and credentials, created on first use and shared by
 * every pipeline on that cluster.
 */
public final class KafkaAdmins implements AutoCloseable {
    private final Duration timeout;
    private final AdminFactory factory;
    private final Map<KafkaCluster, TopicAdmin> admins = new ConcurrentHashMap<>();

    public KafkaAdmins(Duration timeout, AdminFactory factory) {
        this.timeout = timeout;
        this.factory = factory;
    }

    public TopicAdmin forCluster(KafkaCluster cluster) {
        return admins.computeIfAbsent(cluster, this::open);
    }

    /**
     * Drops the cluster's client, e.g. after its credentials were refused: a fresh client starts a
     * fresh authentication instead of repeating a cached failure.
     */
    public void discard(KafkaCluster cluster) {
        TopicAdmin admin = admins.remove(cluster);
        if (admin != null) {
            admin.close();
        }
    }

    private TopicAdmin open(KafkaCluster cluster) {
        Map<String, Object> config = new HashMap<>(cluster.clientSettings());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "eventpipeline-operator");
        int millis = (int) timeout.toMillis();
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        // Reconnect quickly once Kafka is back instead of backing off for up to a minute.
        config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
        return new TopicAdmin(factory.create(config), cluster, timeout);
    }

    @Override
    public void close() {
        admins.values().forEach(TopicAdmin::close);
        admins.clear();
    }
}
