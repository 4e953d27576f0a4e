package io.eventpipeline.spec.state;

/**
 * What an upgrade does to the Kafka source's position.
 *
 * @param offsetsKept true: reading goes on from the saved offsets; false: it starts at {@code
 *     startFrom}
 * @param reason why, for people
 */
public record SourceVerdict(boolean offsetsKept, String reason) {

    /** {@code input offsets: kept (...)} or {@code input offsets: restart at latest (...)}. */
    public String describe() {
        return "input offsets: " + reason;
    }
}
