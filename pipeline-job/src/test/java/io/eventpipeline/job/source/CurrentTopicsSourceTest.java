package io.eventpipeline.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CurrentTopicsSourceTest {
    private static final CurrentTopicsSource<String> SOURCE =
            new CurrentTopicsSource<>(
                    KafkaSource.<String>builder()
                            .setBootstrapServers("localhost:9092")
                            .setTopics("t2")
                            .setDeserializer(
                                    KafkaRecordDeserializationSchema.valueOnly(
                                            new SimpleStringSchema()))
                            .build(),
                    Set.of("t2"),
                    Types.STRING);

    private static TopicPartition p(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    @Test
    void stateOfTheCurrentTopicIsRestoredAsItWas() {
        KafkaSourceEnumState restored =
                new KafkaSourceEnumState(Set.of(p("t2", 0), p("t2", 1)), Set.of(), true);
        assertThat(SOURCE.currentOnly(restored)).isSameAs(restored);
    }

    @Test
    void anotherTopicsStateIsDroppedAndTheNewTopicCountsAsNeverDiscovered() {
        KafkaSourceEnumState restored =
                new KafkaSourceEnumState(Set.of(p("t1", 0), p("t1", 1)), Set.of(), true);
        KafkaSourceEnumState current = SOURCE.currentOnly(restored);
        assertThat(current.partitions()).isEmpty();
        // Not discovered: its partitions start at startFrom, not at the earliest offset.
        assertThat(current.initialDiscoveryFinished()).isFalse();
    }

    @Test
    void withPartitionsOfTheCurrentTopicLeftOnlyTheOthersAreDropped() {
        KafkaSourceEnumState restored =
                new KafkaSourceEnumState(Set.of(p("t1", 0), p("t2", 0)), Set.of(), true);
        KafkaSourceEnumState current = SOURCE.currentOnly(restored);
        assertThat(current.assignedPartitions()).containsExactly(p("t2", 0));
        assertThat(current.initialDiscoveryFinished()).isTrue();
    }

    @Test
    void readersKeepOnlySplitsOfTheCurrentTopics() {
        assertThat(SOURCE.isCurrent(new KafkaPartitionSplit(p("t2", 3), 5))).isTrue();
        assertThat(SOURCE.isCurrent(new KafkaPartitionSplit(p("t1", 3), 5))).isFalse();
    }
}
