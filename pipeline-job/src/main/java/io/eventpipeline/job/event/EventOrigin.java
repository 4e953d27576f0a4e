package io.eventpipeline.job.event;

import java.io.Serializable;

/**
 * Where an event was read: Kafka topic, partition and offset, or for the {@code test} command the
 * events file (source {@value #EVENTS_FILE}, partition 0, offset = line number). Match ids are
 * derived from it, so the same input always gives the same ids.
 */
public record EventOrigin(String source, int partition, long offset) implements Serializable {
    /** The source name of events read from a file by the {@code test} command. */
    public static final String EVENTS_FILE = "events-file";

    public static EventOrigin line(long lineNumber) {
        return new EventOrigin(EVENTS_FILE, 0, lineNumber);
    }

    @Override
    public String toString() {
        return source + "/" + partition + "@" + offset;
    }
}
