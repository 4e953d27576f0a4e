package io.eventpipeline.job.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The benchmark's input, generated once and kept in memory as JSON bytes so that every job reads
 * exactly the same records and no job pays for generating them.
 *
 * <p>Events look like a web shop's clickstream: a key ({@code user}), an event time ({@code ts}),
 * the two fields the pattern tests ({@code type}, {@code amount}) and fields nothing reads
 * (session, page, user agent, region, a list of tags). A fraction of the events can match a step (a
 * product view, an item worth at least 100 added, a payment); the rest cannot (other types, or an
 * item worth less than 100 added, so that telling them apart takes the whole condition).
 *
 * <p>Event {@code i} of the global order has time {@code START + i * SPACING_MS}; see {@link
 * #recordForSequence} for how parallel readers get it in time order.
 */
final class BenchEvents {
    static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    static final long SPACING_MS = 10;

    private static final String[] STEP_TYPES = {"product_view", "add_to_cart", "payment"};
    private static final double[] STEP_TYPE_WEIGHTS = {0.5, 0.3, 0.2};
    private static final String[] OTHER_TYPES = {"scroll", "search", "hover", "heartbeat"};
    private static final String[] REGIONS = {"eu-west", "eu-central", "us-east", "ap-south"};
    private static final String[] PAGES = {"/", "/catalog", "/item", "/cart", "/help"};

    private final byte[] data;
    private final int[] offsets;
    private final int readers;

    private BenchEvents(byte[] data, int[] offsets, int readers) {
        this.data = data;
        this.offsets = offsets;
        this.readers = readers;
    }

    /**
     * @param count how many events
     * @param keys how many distinct users
     * @param matchFraction the fraction of events whose type some step looks for
     * @param readers the source's parallelism: count is rounded down to a multiple of it
     */
    static BenchEvents generate(int count, int keys, double matchFraction, int readers, long seed) {
        int total = count - count % readers;
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder json = new StringBuilder(256);
        byte[] data = new byte[total * 240];
        int[] offsets = new int[total + 1];
        int position = 0;
        for (int i = 0; i < total; i++) {
            json.setLength(0);
            appendEvent(json, START + (long) i * SPACING_MS, random, keys, matchFraction);
            byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
            if (position + bytes.length > data.length) {
                data = Arrays.copyOf(data, data.length + data.length / 2 + bytes.length);
            }
            System.arraycopy(bytes, 0, data, position, bytes.length);
            offsets[i] = position;
            position += bytes.length;
            offsets[i + 1] = position;
        }
        return new BenchEvents(Arrays.copyOf(data, position), offsets, readers);
    }

    /**
     * Writes the same events as {@link #generate} (with one reader) as JSON Lines, one at a time:
     * nothing of the stream stays in memory.
     */
    static void writeLines(
            java.io.OutputStream out, int count, int keys, double matchFraction, long seed)
            throws java.io.IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder json = new StringBuilder(256);
        for (int i = 0; i < count; i++) {
            json.setLength(0);
            appendEvent(json, START + (long) i * SPACING_MS, random, keys, matchFraction);
            json.append('\n');
            out.write(json.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * One event of the clickstream, with its sequence number as its first field ({@code seq}): the
     * latency benchmark finds a match's last event by it.
     *
     * @param timestamp the event time ({@code ts})
     */
    static byte[] numberedEvent(
            long seq, long timestamp, SplittableRandom random, int keys, double matchFraction) {
        StringBuilder json = new StringBuilder(256).append("{\"seq\":").append(seq).append(',');
        appendEvent(json, timestamp, random, keys, matchFraction);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendEvent(
            StringBuilder json,
            long timestamp,
            SplittableRandom random,
            int keys,
            double matchFraction) {
        String type;
        double amount = random.nextDouble() * 200;
        if (random.nextDouble() < matchFraction) {
            double pick = random.nextDouble();
            int t = 0;
            while (t < STEP_TYPES.length - 1 && pick >= STEP_TYPE_WEIGHTS[t]) {
                pick -= STEP_TYPE_WEIGHTS[t];
                t++;
            }
            type = STEP_TYPES[t];
            if (type.equals("add_to_cart")) {
                amount = 100 + amount / 2;
            }
        } else if (random.nextInt(5) == 0) {
            type = "add_to_cart";
            amount = Math.min(amount / 2, 99.99);
        } else {
            type = OTHER_TYPES[random.nextInt(OTHER_TYPES.length)];
        }
        int user = random.nextInt(keys);
        if (json.length() == 0) {
            json.append('{');
        }
        json.append("\"user\":\"u")
                .append(user)
                .append("\",\"type\":\"")
                .append(type)
                .append("\",\"amount\":")
                .append(twoDecimals(amount))
                .append(",\"ts\":")
                .append(timestamp)
                .append(",\"session\":\"s-")
                .append(Long.toHexString(random.nextLong()))
                .append("\",\"page\":\"")
                .append(PAGES[random.nextInt(PAGES.length)])
                .append("\",\"region\":\"")
                .append(REGIONS[random.nextInt(REGIONS.length)])
                .append("\",\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64) bench/")
                .append(random.nextInt(100))
                .append("\",\"tags\":[\"web\",\"")
                .append(random.nextBoolean() ? "mobile" : "desktop")
                .append("\"]}");
    }

    /**
     * {@code amount} (not negative) with two decimals, as {@code %.2f} writes it but without a
     * {@code Formatter}: the latency benchmark's producer writes tens of thousands of events a
     * second on the cores the job runs on.
     */
    static String twoDecimals(double amount) {
        long cents = Math.round(amount * 100);
        long fraction = cents % 100;
        return (cents / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }

    int size() {
        return offsets.length - 1;
    }

    long bytes() {
        return data.length;
    }

    /**
     * The record a reader emits for a number of the source's sequence. The sequence source hands
     * each reader one contiguous range of numbers; reading range {@code r}'s numbers as events
     * {@code r, r + readers, r + 2 * readers, ...} lets every reader advance through event time at
     * the same pace, as the partitions of a topic do, instead of the second reader starting where
     * the first one ends (which would hold half the stream in the pattern operator's buffer).
     */
    byte[] recordForSequence(long sequence) {
        int perReader = size() / readers;
        int range = (int) (sequence / perReader);
        int position = (int) (sequence % perReader);
        return record(position * readers + range);
    }

    byte[] record(int index) {
        return Arrays.copyOfRange(data, offsets[index], offsets[index + 1]);
    }
}
