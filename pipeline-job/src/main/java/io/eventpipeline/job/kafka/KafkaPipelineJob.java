package io.eventpipeline.job.kafka;

import io.eventpipeline.job.event.EventTimeRange;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.event.PipelineEventTypeInfoFactory;
import io.eventpipeline.job.event.RecordParser;
import io.eventpipeline.job.match.MatchOutput;
import io.eventpipeline.job.source.CurrentTopicsSource;
import io.eventpipeline.job.source.IdleWithoutSplitsSource;
import io.eventpipeline.job.topology.DeadLetter;
import io.eventpipeline.job.topology.EventTimeWatermarks;
import io.eventpipeline.job.topology.OperatorUids;
import io.eventpipeline.job.topology.PipelineStreams;
import io.eventpipeline.job.topology.PipelineTopology;
import io.eventpipeline.job.topology.TopologyOptions;
import io.eventpipeline.spec.model.Delivery;
import io.eventpipeline.spec.model.StartFrom;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The deployed job: {@code KafkaSource -> parse -> timestamps/watermarks (per partition) ->} the
 * shared {@link PipelineTopology} {@code -> KafkaSink} for matches and for dead letters.
 */
public final class KafkaPipelineJob {
    private KafkaPipelineJob() {}

    /** Adds the pipeline's job to {@code env}. */
    public static void build(
            StreamExecutionEnvironment env, ResolvedPipeline pipeline, KafkaJobSettings kafka) {
        build(env, pipeline, kafka, UnaryOperator.identity());
    }

    /**
     * Tests only: {@code intercept} is applied to the source's records (timestamps and watermarks
     * assigned) before the topology, e.g. to inject a task failure mid-stream. The deployed job
     * always runs with the identity.
     */
    static void build(
            StreamExecutionEnvironment env,
            ResolvedPipeline pipeline,
            KafkaJobSettings kafka,
            UnaryOperator<DataStream<PipelineEvent>> intercept) {
        DataStream<PipelineEvent> events =
                env.fromSource(
                                // Only the current topic's offsets restore; more readers than
                                // partitions must not stop event time.
                                new CurrentTopicsSource<>(
                                        new IdleWithoutSplitsSource<>(
                                                source(
                                                        pipeline,
                                                        kafka,
                                                        EventTimeRange.of(env.getConfiguration())),
                                                PipelineEventTypeInfoFactory.TYPE),
                                        Set.of(pipeline.input().topic().name()),
                                        PipelineEventTypeInfoFactory.TYPE),
                                EventTimeWatermarks.forInput(pipeline.input()),
                                "kafka source")
                        .uid(OperatorUids.KAFKA_SOURCE);
        PipelineStreams streams =
                PipelineTopology.build(
                        pipeline, intercept.apply(events), TopologyOptions.deployed());
        boolean exactlyOnce = pipeline.delivery() == Delivery.EXACTLY_ONCE;
        streams.matches()
                .sinkTo(
                        KafkaPipelineJob.<MatchOutput>sink(
                                kafka,
                                new MatchRecordSerializer(pipeline.output().name()),
                                exactlyOnce,
                                names(pipeline).transactionalIdPrefix("matches")))
                .uid(OperatorUids.MATCH_SINK)
                .name("match records");
        streams.deadLetters()
                .sinkTo(
                        KafkaPipelineJob.<DeadLetter>sink(
                                kafka,
                                new DeadLetterSerializer(pipeline.deadLetter().name()),
                                exactlyOnce,
                                names(pipeline).transactionalIdPrefix("dead-letters")))
                .uid(OperatorUids.DEAD_LETTER_SINK)
                .name("dead letters");
    }

    static KafkaSource<PipelineEvent> source(
            ResolvedPipeline pipeline, KafkaJobSettings kafka, EventTimeRange timeRange) {
        var builder =
                KafkaSource.<PipelineEvent>builder()
                        .setBootstrapServers(kafka.bootstrapServers())
                        .setTopics(pipeline.input().topic().name())
                        .setGroupId(names(pipeline).consumerGroup())
                        .setStartingOffsets(startingOffsets(pipeline.input().startFrom()))
                        .setDeserializer(
                                new InputRecordDeserializer(
                                        RecordParser.of(
                                                pipeline.input(),
                                                pipeline.conditionFields(),
                                                timeRange)))
                        .setProperties(clientProperties(kafka))
                        // Never read input from aborted transactions.
                        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                        .setProperty("client.id.prefix", names(pipeline).consumerGroup());
        if (kafka.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    static OffsetsInitializer startingOffsets(StartFrom startFrom) {
        return switch (startFrom) {
            case EARLIEST -> OffsetsInitializer.earliest();
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.LATEST);
            case LATEST -> OffsetsInitializer.latest();
        };
    }

    private static <T> KafkaSink<T> sink(
            KafkaJobSettings kafka,
            KafkaRecordSerializationSchema<T> serializer,
            boolean exactlyOnce,
            String transactionalIdPrefix) {
        Properties producer = clientProperties(kafka);
        producer.setProperty(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                Long.toString(kafka.transactionTimeout().toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(serializer)
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(
                        exactlyOnce
                                ? DeliveryGuarantee.EXACTLY_ONCE
                                : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }

    private static Properties clientProperties(KafkaJobSettings kafka) {
        Properties properties = new Properties();
        properties.putAll(kafka.clientProperties());
        return properties;
    }

    static KafkaNames names(ResolvedPipeline pipeline) {
        return new KafkaNames(pipeline.namespace(), pipeline.name());
    }
}
