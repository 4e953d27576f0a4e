package io.eventpipeline.job.event;

/**
 * The largest input record the job accepts. A larger one is a dead letter whose value keeps only
 * the record's first {@link #DEAD_LETTER_PREFIX_BYTES} bytes: its headers name the input topic,
 * partition and offset, where the whole record stays.
 *
 * <p>Why 1,000,000 bytes: Kafka's defaults let a producer send and a topic hold records of about 1
 * MiB ({@code max.request.size} 1,048,576, {@code max.message.bytes} 1,048,588). Every accepted
 * event may later become a dead letter (late, not evaluable) and is then written back with its
 * bytes and a few headers, so the limit leaves room for those within the defaults of the
 * dead-letter topic.
 */
public final class EventSizeLimit {
    /** Bytes of one record's value, at most. */
    public static final int MAX_EVENT_BYTES = 1_000_000;

    /** Bytes of a too-large record that its dead letter keeps. */
    public static final int DEAD_LETTER_PREFIX_BYTES = 64 * 1024;

    public static final String REJECTION_PREFIX = "too large: ";

    private EventSizeLimit() {}

    /** True when a record of {@code size} bytes is over the limit. */
    public static boolean tooLarge(long size) {
        return size > MAX_EVENT_BYTES;
    }

    /** The dead letter's reason for a record of {@code size} bytes over the limit. */
    public static String rejection(long size) {
        return REJECTION_PREFIX
                + size
                + " bytes, more than the limit of "
                + MAX_EVENT_BYTES
                + " (the dead letter keeps the first "
                + DEAD_LETTER_PREFIX_BYTES
                + ")";
    }
}
