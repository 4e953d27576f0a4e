package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * The desired state of an EventPipeline: where events come from, the patterns to detect, where
 * matches go.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "kafka",
    "input",
    "patterns",
    "output",
    "deadLetter",
    "delivery",
    "flink",
    "suspend",
    "topicDeletionPolicy"
})
public class EventPipelineSpec {

    @JsonPropertyDescription(
            "The Kafka cluster holding this pipeline's topics. Absent: the operator's default"
                    + " cluster.")
    private KafkaConnectionSpec kafka;

    @Required
    @JsonPropertyDescription("The topic the events are read from, and how to key and time them.")
    private InputSpec input;

    @Required
    @JsonPropertyDescription(
            "The patterns to detect; each match becomes one record on the output topic.")
    @Size(min = 1, max = PatternSpec.MAX_PATTERNS)
    private List<PatternSpec> patterns;

    @Required
    @JsonPropertyDescription("The topic that receives one JSON match record per detected pattern.")
    private TopicSpec output;

    @JsonPropertyDescription(
            "The topic for events that cannot be parsed or evaluated. Absent: '<input topic>-dlq',"
                    + " created like the output topic.")
    private TopicSpec deadLetter;

    @JsonPropertyDescription(
            "Delivery guarantee of match records: at-least-once (default) or exactly-once (Kafka"
                    + " transactions; consumers read with isolation.level=read_committed).")
    private Delivery delivery;

    @JsonPropertyDescription(
            "Settings of the Flink job that runs the pipeline. Absent fields take the operator's"
                    + " defaults.")
    private FlinkSpec flink;

    @JsonPropertyDescription(
            "true: the job is suspended (with a savepoint when upgradeMode is savepoint); topics"
                    + " are kept. Default false.")
    private Boolean suspend;

    @JsonPropertyDescription(
            "What happens to topics the operator created when the EventPipeline is deleted: Retain"
                    + " (default) or Delete. Topics it did not create are never deleted.")
    private TopicDeletionPolicy topicDeletionPolicy;

    public KafkaConnectionSpec getKafka() {
        return kafka;
    }

    public void setKafka(KafkaConnectionSpec kafka) {
        this.kafka = kafka;
    }

    public InputSpec getInput() {
        return input;
    }

    public void setInput(InputSpec input) {
        this.input = input;
    }

    public List<PatternSpec> getPatterns() {
        return patterns;
    }

    public void setPatterns(List<PatternSpec> patterns) {
        this.patterns = patterns;
    }

    public TopicSpec getOutput() {
        return output;
    }

    public void setOutput(TopicSpec output) {
        this.output = output;
    }

    public TopicSpec getDeadLetter() {
        return deadLetter;
    }

    public void setDeadLetter(TopicSpec deadLetter) {
        this.deadLetter = deadLetter;
    }

    public Delivery getDelivery() {
        return delivery;
    }

    public void setDelivery(Delivery delivery) {
        this.delivery = delivery;
    }

    public FlinkSpec getFlink() {
        return flink;
    }

    public void setFlink(FlinkSpec flink) {
        this.flink = flink;
    }

    public Boolean getSuspend() {
        return suspend;
    }

    public void setSuspend(Boolean suspend) {
        this.suspend = suspend;
    }

    public TopicDeletionPolicy getTopicDeletionPolicy() {
        return topicDeletionPolicy;
    }

    public void setTopicDeletionPolicy(TopicDeletionPolicy topicDeletionPolicy) {
        this.topicDeletionPolicy = topicDeletionPolicy;
    }
}
