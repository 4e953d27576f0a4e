package io.eventpipeline.job.source;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.enumerator.TopicPartitionAndAssignmentStatus;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka source that restores only the state of the topics it reads now. Left alone, Kafka's
 * source restores every partition in a savepoint, so a job whose input topic changed would go on
 * reading the old topic too, and would start the new one at the earliest offset (as a partition
 * discovered while running) instead of at {@code startFrom}. Here, on restore:
 *
 * <ul>
 *   <li>readers drop restored partitions of other topics ({@link CurrentTopicsReader});
 *   <li>the enumerator forgets them too, and when nothing of the current topics was restored, it
 *       treats the current topics as never discovered, so their partitions start at {@code
 *       startFrom}.
 * </ul>
 *
 * Partitions of an unchanged topic keep their offsets, and partitions added to it later start at
 * the earliest offset, as before. Splits, enumerator state and serializers are the wrapped
 * source's. It wraps {@link IdleWithoutSplitsSource}, so a reader whose restored splits were all
 * dropped counts as one without splits.
 */
public final class CurrentTopicsSource<T>
        implements Source<T, KafkaPartitionSplit, KafkaSourceEnumState>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CurrentTopicsSource.class);

    private final Source<T, KafkaPartitionSplit, KafkaSourceEnumState> delegate;
    private final TreeSet<String> topics;
    private final TypeInformation<T> type;

    /**
     * @param topics the topics {@code delegate} subscribes to
     */
    public CurrentTopicsSource(
            Source<T, KafkaPartitionSplit, KafkaSourceEnumState> delegate,
            Set<String> topics,
            TypeInformation<T> type) {
        this.delegate = delegate;
        this.topics = new TreeSet<>(topics);
        this.type = type;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    /** The part of a restored enumerator state that belongs to the current topics. */
    KafkaSourceEnumState currentOnly(KafkaSourceEnumState restored) {
        Set<TopicPartitionAndAssignmentStatus> kept =
                restored.partitions().stream()
                        .filter(p -> topics.contains(p.topicPartition().topic()))
                        .collect(Collectors.toSet());
        if (kept.size() == restored.partitions().size()) {
            return restored;
        }
        LOG.info(
                "The input topics are now {}: restored offsets of {} are dropped",
                topics,
                restored.partitions().stream()
                        .map(TopicPartitionAndAssignmentStatus::topicPartition)
                        .filter(p -> !topics.contains(p.topic()))
                        .map(Object::toString)
                        .sorted()
                        .toList());
        // Nothing of the current topics restored: they are new to this job, so their partitions
        // start where startFrom says, as on a first start.
        boolean discovered = restored.initialDiscoveryFinished() && !kept.isEmpty();
        return new KafkaSourceEnumState(kept, discovered);
    }

    boolean isCurrent(KafkaPartitionSplit split) {
        return topics.contains(split.getTopic());
    }

    @Override
    public Boundedness getBoundedness() {
        return delegate.getBoundedness();
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> createEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context) throws Exception {
        return delegate.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState checkpoint)
            throws Exception {
        KafkaSourceEnumState current = currentOnly(checkpoint);
        if (current.partitions().isEmpty() && !current.initialDiscoveryFinished()) {
            // Nothing of what the job reads now was saved: start as a new job would, which also
            // lets readers wait for the first assignment instead of counting as idle at once.
            return delegate.createEnumerator(context);
        }
        return delegate.restoreEnumerator(context, current);
    }

    @Override
    public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
        return delegate.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<KafkaSourceEnumState> getEnumeratorCheckpointSerializer() {
        return delegate.getEnumeratorCheckpointSerializer();
    }

    @Override
    public SourceReader<T, KafkaPartitionSplit> createReader(SourceReaderContext context)
            throws Exception {
        return new CurrentTopicsReader<>(delegate.createReader(context), this::isCurrent);
    }
}
