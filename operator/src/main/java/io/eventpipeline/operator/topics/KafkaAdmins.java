package io.eventpipeline.operator.topics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One {@link TopicAdmin} per Kafka cluster and credentials, created on first use and shared by
 * every pipeline on that cluster. A client nobody has used for {@link #IDLE_AFTER} is closed: its
 * credentials were rotated (the new ones make another client) or its pipelines are gone. Idle
 * clients are looked for whenever a client is taken, so no thread of its own is needed; a client is
 * never closed while a {@link Use} of it is open.
 */
public final class KafkaAdmins implements AutoCloseable {
    /** How long a client may go unused before it is closed. */
    public static final Duration IDLE_AFTER = Duration.ofMinutes(10);

    private final Duration timeout;
    private final AdminFactory factory;
    private final Clock clock;
    private final Duration idleAfter;
    private final Map<KafkaCluster, Entry> admins = new HashMap<>();

    public KafkaAdmins(Duration timeout, AdminFactory factory, Clock clock, Duration idleAfter) {
        this.timeout = timeout;
        this.factory = factory;
        this.clock = clock;
        this.idleAfter = idleAfter;
    }

    /**
     * The cluster's client, for the caller to use until it closes the returned {@link Use} (in a
     * try-with-resources). Closes the clients that have been idle too long.
     */
    public Use use(KafkaCluster cluster) {
        List<TopicAdmin> idle = new ArrayList<>();
        Entry entry;
        synchronized (this) {
            Instant now = clock.instant();
            for (Iterator<Map.Entry<KafkaCluster, Entry>> it = admins.entrySet().iterator();
                    it.hasNext(); ) {
                Map.Entry<KafkaCluster, Entry> e = it.next();
                if (!e.getKey().equals(cluster) && e.getValue().idleAt(now)) {
                    idle.add(e.getValue().admin);
                    it.remove();
                }
            }
            entry = admins.computeIfAbsent(cluster, c -> new Entry(open(c)));
            entry.users++;
        }
        idle.forEach(TopicAdmin::close);
        return new Use(entry);
    }

    /**
     * Drops the cluster's client, e.g. after its credentials were refused: a fresh client starts a
     * fresh authentication instead of repeating a cached failure. A client still in use is closed
     * when its last user is done.
     */
    public void discard(KafkaCluster cluster) {
        TopicAdmin toClose = null;
        synchronized (this) {
            Entry entry = admins.remove(cluster);
            if (entry != null) {
                entry.discarded = true;
                if (entry.users == 0) {
                    toClose = entry.admin;
                }
            }
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    private void release(Entry entry) {
        boolean close;
        synchronized (this) {
            entry.users--;
            entry.lastUsed = clock.instant();
            close = entry.discarded && entry.users == 0;
        }
        if (close) {
            entry.admin.close();
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
        List<TopicAdmin> open;
        synchronized (this) {
            open = admins.values().stream().map(e -> e.admin).toList();
            admins.clear();
        }
        open.forEach(TopicAdmin::close);
    }

    /** A client and who is using it. Guarded by the enclosing {@link KafkaAdmins}. */
    private final class Entry {
        final TopicAdmin admin;
        int users;
        Instant lastUsed = clock.instant();
        boolean discarded;

        Entry(TopicAdmin admin) {
            this.admin = admin;
        }

        boolean idleAt(Instant now) {
            return users == 0 && !now.isBefore(lastUsed.plus(idleAfter));
        }
    }

    /** One caller's use of a client; closing it ends the use, not the client. */
    public final class Use implements AutoCloseable {
        private final Entry entry;
        private boolean ended;

        private Use(Entry entry) {
            this.entry = entry;
        }

        public TopicAdmin admin() {
            return entry.admin;
        }

        @Override
        public void close() {
            if (!ended) {
                ended = true;
                release(entry);
            }
        }
    }
}
