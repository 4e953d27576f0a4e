package io.eventpipeline.operator.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/** A test's own view of the broker, independent of the operator's Admin client. */
public final class KafkaTopics implements AutoCloseable {
    private final Admin admin;

    public KafkaTopics(Map<String, Object> clientConfig) {
        this.admin = Admin.create(clientConfig);
    }

    public Set<String> names() throws Exception {
        return admin.listTopics().names().get(10, TimeUnit.SECONDS);
    }

    public int partitions(String topic) throws Exception {
        return describe(topic).partitions().size();
    }

    public int replicationFactor(String topic) throws Exception {
        return describe(topic).partitions().get(0).replicas().size();
    }

    private TopicDescription describe(String topic) throws Exception {
        return admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(topic);
    }

    public String config(String topic, String key) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource))
                .all()
                .get(10, TimeUnit.SECONDS)
                .get(resource)
                .get(key)
                .value();
    }

    public void setConfig(String topic, String key, String value) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(
                        Map.of(
                                resource,
                                List.of(
                                        new AlterConfigOp(
                                                new ConfigEntry(key, value),
                                                AlterConfigOp.OpType.SET))))
                .all()
                .get(10, TimeUnit.SECONDS);
    }

    /**
     * Creates a topic and returns once a describe finds it: the broker learns of a new topic from
     * the controller a moment after the create returns, and a test's "pre-existing" topic must be
     * one the operator's first describe already sees.
     */
    public void create(String topic, int partitions, Map<String, String> configs) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
                .all()
                .get(10, TimeUnit.SECONDS);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(20))
                .ignoreExceptions()
                .until(() -> describe(topic) != null);
    }

    @Override
    public void close() {
        admin.close();
    }
}
