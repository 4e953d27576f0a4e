package io.eventpipeline.job.topology;

import io.eventpipeline.job.match.MatchOutput;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What a pipeline produces: match records (timed-out partial matches included) and dead letters.
 */
public record PipelineStreams(
        DataStream<MatchOutput> matches, DataStream<DeadLetter> deadLetters) {}
