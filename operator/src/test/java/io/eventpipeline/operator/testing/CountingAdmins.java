package io.eventpipeline.operator.testing;

import io.eventpipeline.operator.topics.AdminFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.admin.Admin;

/** Makes {@link CountingAdmin}s and sums their requests over every client it made. */
public final class CountingAdmins implements AdminFactory {
    private final List<CountingAdmin> made = new CopyOnWriteArrayList<>();

    @Override
    public Admin create(Map<String, Object> config) {
        CountingAdmin admin = new CountingAdmin(config);
        made.add(admin);
        return admin;
    }

    public long describeRequests() {
        return sum(CountingAdmin::describeRequests);
    }

    public long describeConfigsRequests() {
        return sum(CountingAdmin::describeConfigsRequests);
    }

    public long createRequests() {
        return sum(CountingAdmin::createRequests);
    }

    private long sum(ToLongFunction<CountingAdmin> count) {
        return made.stream().mapToLong(count).sum();
    }
}
