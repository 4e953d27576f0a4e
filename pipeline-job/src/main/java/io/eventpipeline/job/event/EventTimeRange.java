package io.eventpipeline.job.event;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The event times the job accepts: from {@link #MIN_MILLIS} (1970-01-01T00:00:00Z) to at most
 * {@link #MAX_AHEAD} past the clock of the machine that reads the record. An event outside is a
 * dead letter and never reaches the watermarks.
 *
 * <p>Why a bound ahead of the clock: the watermark of a partition is the largest event time it has
 * seen minus {@code maxOutOfOrderness}, and it never goes back. One event stamped in the year 3000
 * would move it there: every later event of that partition would be late (a dead letter), and every
 * pending {@code within} would expire at once. While other partitions hold event time back (the
 * job's watermark is their minimum) the harm waits, but it comes as soon as they go idle or there
 * is only one partition, as in {@code test}. No bound on the largest time seen so far can tell a
 * first far-future event from a real jump after a quiet period; the clock can, and only events from
 * the future are affected, so replaying history never depends on when it runs. One hour is Kafka's
 * own limit for record timestamps ahead of the broker's clock ({@code
 * log.message.timestamp.after.max.ms}, default since Kafka 4.0).
 *
 * <p>Why not before 1970: Kafka record times are never negative, and an event time before the epoch
 * is a mistake rather than history.
 */
public final class EventTimeRange implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final long MIN_MILLIS = 0;
    public static final Duration MAX_AHEAD = Duration.ofHours(1);

    /** The deployed job's setting for how far ahead of the clock an event time may be. */
    public static final ConfigOption<Duration> MAX_AHEAD_KEY =
            ConfigOptions.key("eventpipeline.timestamp.max-ahead")
                    .durationType()
                    .defaultValue(MAX_AHEAD)
                    .withDescription(
                            "How far ahead of the clock of the machine reading it an event time"
                                    + " may be; later ones are dead letters.");

    public static final String REJECTION_PREFIX = "event time out of range: ";

    private final Clock clock;
    private final long maxAheadMillis;

    EventTimeRange(Clock clock, Duration maxAhead) {
        this.clock = clock;
        this.maxAheadMillis = maxAhead.toMillis();
    }

    /** Bounded by the system clock with the default {@link #MAX_AHEAD}, as {@code test} is. */
    public static EventTimeRange ofSystemClock() {
        return new EventTimeRange(Clock.systemUTC(), MAX_AHEAD);
    }

    /** The deployed job's range: {@link #MAX_AHEAD_KEY} from Flink's configuration. */
    public static EventTimeRange of(ReadableConfig configuration) {
        return new EventTimeRange(Clock.systemUTC(), configuration.get(MAX_AHEAD_KEY));
    }

    /**
     * @return null when {@code millis} is an accepted event time, else why not (a dead letter's
     *     reason)
     */
    public String problem(long millis) {
        if (millis < MIN_MILLIS) {
            return REJECTION_PREFIX + millis + " is before " + Instant.ofEpochMilli(MIN_MILLIS);
        }
        long now = clock.millis();
        long latest = now > Long.MAX_VALUE - maxAheadMillis ? Long.MAX_VALUE : now + maxAheadMillis;
        if (millis > latest) {
            return REJECTION_PREFIX
                    + millis
                    + " ("
                    + Instant.ofEpochMilli(millis)
                    + ") is more than "
                    + maxAheadMillis / 60_000
                    + " minutes ahead of the clock ("
                    + Instant.ofEpochMilli(now)
                    + ")";
        }
        return null;
    }

    /** The reason for a time no 64-bit count of milliseconds can hold. */
    static String unrepresentable(String field, String value) {
        return REJECTION_PREFIX
                + "timestamp field '"
                + field
                + "' holds "
                + value
                + ", beyond any time in epoch milliseconds";
    }
}
