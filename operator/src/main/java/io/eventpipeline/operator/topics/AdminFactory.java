package io.eventpipeline.operator.topics;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * Makes the Kafka Admin client for one cluster from its client config. Production uses {@link
 * #KAFKA}; tests and benchmarks wrap the real client to count or hold its requests.
 */
@FunctionalInterface
public interface AdminFactory {
    AdminFactory KAFKA = Admin::create;

    Admin create(Map<String, Object> config);
}
