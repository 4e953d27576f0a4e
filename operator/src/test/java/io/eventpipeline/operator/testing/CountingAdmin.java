package io.eventpipeline.operator.testing;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.config.ConfigResource;

/**
 * A real Kafka Admin client that counts the requests tests and benchmarks care about: each call
 * here is one request to the broker, however many topics it names.
 */
public class CountingAdmin extends ForwardingAdmin {
    private final AtomicLong describeRequests = new AtomicLong();
    private final AtomicLong describeConfigsRequests = new AtomicLong();
    private final AtomicLong createRequests = new AtomicLong();

    public CountingAdmin(Map<String, Object> config) {
        super(config);
    }

    /** DescribeTopics requests sent so far. */
    public long describeRequests() {
        return describeRequests.get();
    }

    /** DescribeConfigs requests sent so far. */
    public long describeConfigsRequests() {
        return describeConfigsRequests.get();
    }

    /** CreateTopics requests sent so far. */
    public long createRequests() {
        return createRequests.get();
    }

    @Override
    public DescribeTopicsResult describeTopics(
            TopicCollection topics, DescribeTopicsOptions options) {
        describeRequests.incrementAndGet();
        return super.describeTopics(topics, options);
    }

    @Override
    public DescribeConfigsResult describeConfigs(
            Collection<ConfigResource> resources, DescribeConfigsOptions options) {
        describeConfigsRequests.incrementAndGet();
        return super.describeConfigs(resources, options);
    }

    @Override
    public CreateTopicsResult createTopics(
            Collection<NewTopic> topics, CreateTopicsOptions options) {
        createRequests.incrementAndGet();
        return super.createTopics(topics, options);
    }
}
