package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;

/** The input topic, and how events are keyed and timed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "topic",
    "create",
    "partitions",
    "replicationFactor",
    "config",
    "key",
    "timestamp",
    "startFrom"
})
public class InputSpec extends TopicSpec {

    @Required
    @JsonPropertyDescription(
            "Dotted path of the event field that keys matching: a pattern matches within the events"
                    + " of one key.")
    private String key;

    @JsonPropertyDescription("Where event time comes from. Absent: the Kafka record timestamp.")
    private TimestampSpec timestamp;

    @JsonPropertyDescription(
            "Where a new job starts reading: latest (default), earliest, or committed (the"
                    + " pipeline's consumer-group offsets, else latest).")
    private StartFrom startFrom;

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public TimestampSpec getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(TimestampSpec timestamp) {
        this.timestamp = timestamp;
    }

    public StartFrom getStartFrom() {
        return startFrom;
    }

    public void setStartFrom(StartFrom startFrom) {
        this.startFrom = startFrom;
    }
}
