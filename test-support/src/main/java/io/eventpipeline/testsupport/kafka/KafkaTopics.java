package io.eventpipeline.testsupport.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;

/**
 * A test's own view of a broker, independent of the clients under test: topics created, described
 * and configured through one Admin client it holds, and records produced and read with plain
 * clients (see {@link TopicRecords}).
 */
public final class KafkaTopics implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 10;

    private final Map<String, Object> clientConfig;
    private final TopicRecords records;
    private Admin admin;

    public KafkaTopics(Map<String, Object> clientConfig) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.records = new TopicRecords(this.clientConfig);
    }

    public static KafkaTopics at(String bootstrapServers) {
        return new KafkaTopics(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(clientConfig);
        }
        return admin;
    }

    public Set<String> names() throws Exception {
        return admin().listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    public int partitions(String topic) throws Exception {
        return describe(topic).partitions().size();
    }

    public int replicationFactor(String topic) throws Exception {
        return describe(topic).partitions().get(0).replicas().size();
    }

    private TopicDescription describe(String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin().describeTopics(List.of(topic))
                .allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(topic);
    }

    public String config(String topic, String key) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin().describeConfigs(List.of(resource))
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(resource)
                .get(key)
                .value();
    }

    public void setConfig(String topic, String key, String value) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp set =
                new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET);
        admin().incrementalAlterConfigs(Map.of(resource, List.of(set)))
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Creates topics of one partition each. */
    public void create(String... topics) throws Exception {
        createWithPartitions(1, topics);
    }

    public void createWithPartitions(int partitions, String... topics) throws Exception {
        List<NewTopic> newTopics = new ArrayList<>();
        for (String topic : topics) {
            newTopics.add(new NewTopic(topic, partitions, (short) 1));
        }
        admin().createTopics(newTopics).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Creates one topic of one partition with the given topic configs. */
    public void createWithConfig(String topic, Map<String, String> configs) throws Exception {
        admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(configs)))
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Creates a topic and returns once a describe finds it: the broker learns of a new topic from
     * the controller a moment after the create returns, and a test's "pre-existing" topic must be
     * one the first describe of the client under test already sees.
     */
    public void create(String topic, int partitions, Map<String, String> configs) throws Exception {
        admin().createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!described(topic)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("topic " + topic + " created but never described");
            }
            Thread.sleep(20);
        }
    }

    private boolean described(String topic) throws InterruptedException {
        try {
            return describe(topic) != null;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    public void produce(String topic, List<String> values) throws Exception {
        records.produce(topic, null, values);
    }

    /**
     * @param partition null: the producer's choice
     */
    public void produce(String topic, Integer partition, List<String> values) throws Exception {
        records.produce(topic, partition, values);
    }

    /** Produces raw values, in order, allowing records of up to 16 MiB. */
    public void produceBytes(String topic, List<byte[]> values) throws Exception {
        records.produceBytes(topic, values);
    }

    /** Reads committed records until {@code count} arrived or {@code timeout} passed. */
    public List<ConsumerRecord<byte[], byte[]>> read(String topic, int count, Duration timeout) {
        return records.read(topic, count, timeout, "read_committed");
    }

    /**
     * Reads records until {@code count} arrived or {@code timeout} passed.
     *
     * @param isolationLevel read_uncommitted also returns records of aborted transactions
     */
    public List<ConsumerRecord<byte[], byte[]>> read(
            String topic, int count, Duration timeout, String isolationLevel) {
        return records.read(topic, count, timeout, isolationLevel);
    }

    /** Every committed record's value on the topic now, partition by partition. */
    public List<String> values(String topic) {
        return records.values(topic);
    }

    /** Reads the topic again until its committed values satisfy the condition. */
    public List<String> awaitValues(
            String topic, Predicate<List<String>> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> values = values(topic);
        while (!condition.test(values)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting on " + topic + "; it holds " + values);
            }
            Thread.sleep(250);
            values = values(topic);
        }
        return values;
    }

    public static String value(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }
}
