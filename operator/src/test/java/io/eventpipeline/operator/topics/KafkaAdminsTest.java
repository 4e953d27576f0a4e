package io.eventpipeline.operator.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Idle Admin clients are closed, clients in use never are. The clients are real ones pointed at a
 * port nothing listens on: none of these tests sends a request.
 */
class KafkaAdminsTest {
    static final Duration IDLE_AFTER = Duration.ofMinutes(10);
    // Two credentials of one cluster: a rotation turns the first into the second.
    static final KafkaCluster OLD_CREDENTIALS =
            new KafkaCluster("127.0.0.1:1", Map.of("metadata.max.age.ms", "60000"));
    static final KafkaCluster NEW_CREDENTIALS =
            new KafkaCluster("127.0.0.1:1", Map.of("metadata.max.age.ms", "120000"));

    final SettableClock clock = new SettableClock();
    final List<ClosingAdmin> made = new CopyOnWriteArrayList<>();
    final KafkaAdmins admins =
            new KafkaAdmins(
                    Duration.ofSeconds(1),
                    config -> {
                        ClosingAdmin admin = new ClosingAdmin(config);
                        made.add(admin);
                        return admin;
                    },
                    clock,
                    IDLE_AFTER);

    @AfterEach
    void closeAll() {
        admins.close();
    }

    @Test
    void aClientUnusedForTheIdleTimeIsClosedAndALaterUseMakesANewOne() {
        admins.use(OLD_CREDENTIALS).close();
        clock.advance(IDLE_AFTER.minusSeconds(1));
        admins.use(NEW_CREDENTIALS).close();
        assertThat(made).hasSize(2);
        assertThat(made.get(0).closed).as("not idle long enough").isFalse();

        clock.advance(Duration.ofSeconds(1));
        admins.use(NEW_CREDENTIALS).close();
        assertThat(made.get(0).closed).as("old credentials' client").isTrue();
        assertThat(made.get(1).closed).as("the client just used").isFalse();

        try (KafkaAdmins.Use again = admins.use(OLD_CREDENTIALS)) {
            assertThat(made).hasSize(3);
            assertThat(again.admin()).isNotNull();
            assertThat(made.get(2).closed).isFalse();
        }
    }

    @Test
    void aClientInUseIsNeverClosedHoweverLongTheUseLasts() {
        KafkaAdmins.Use longReconcile = admins.use(OLD_CREDENTIALS);
        clock.advance(IDLE_AFTER.multipliedBy(6));
        admins.use(NEW_CREDENTIALS).close();
        assertThat(made.get(0).closed).isFalse();

        // Idle time counts from the end of the last use, not from its start.
        longReconcile.close();
        clock.advance(IDLE_AFTER.minusSeconds(1));
        admins.use(NEW_CREDENTIALS).close();
        assertThat(made.get(0).closed).isFalse();
        clock.advance(Duration.ofSeconds(1));
        admins.use(NEW_CREDENTIALS).close();
        assertThat(made.get(0).closed).isTrue();
    }

    @Test
    void theClusterBeingTakenIsReusedEvenWhenIdle() {
        admins.use(OLD_CREDENTIALS).close();
        clock.advance(IDLE_AFTER.multipliedBy(2));
        admins.use(OLD_CREDENTIALS).close();
        assertThat(made).hasSize(1);
        assertThat(made.get(0).closed).isFalse();
    }

    @Test
    void aDiscardedClientInUseIsClosedWhenItsLastUserIsDone() {
        KafkaAdmins.Use first = admins.use(OLD_CREDENTIALS);
        KafkaAdmins.Use second = admins.use(OLD_CREDENTIALS);
        admins.discard(OLD_CREDENTIALS);
        first.close();
        assertThat(made.get(0).closed).isFalse();
        second.close();
        second.close(); // ending a use twice is harmless
        assertThat(made.get(0).closed).isTrue();

        admins.use(OLD_CREDENTIALS).close();
        assertThat(made).hasSize(2);
        assertThat(made.get(1).closed).isFalse();
    }

    /** A real Admin client that remembers being closed. */
    static final class ClosingAdmin extends ForwardingAdmin {
        volatile boolean closed;

        ClosingAdmin(Map<String, Object> config) {
            super(config);
        }

        @Override
        public void close(Duration timeout) {
            closed = true;
            super.close(timeout);
        }
    }

    static final class SettableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
