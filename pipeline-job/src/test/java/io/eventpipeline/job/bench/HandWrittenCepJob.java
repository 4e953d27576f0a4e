package io.eventpipeline.job.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * Job 2 of the benchmark: the pattern class's pattern ({@link HandWrittenPatterns}) as a user would
 * write it without us. Jackson into a POJO, lambdas for the conditions, a POJO alert written as
 * JSON. Same source, watermarks (1 s out of order), parallelism, state backend and sink as job 1.
 */
final class HandWrittenCepJob {
    private HandWrittenCepJob() {}

    static void build(StreamExecutionEnvironment env, Pattern<ShopEvent, ShopEvent> pattern) {
        DataStream<ShopEvent> events =
                BenchRun.source(env)
                        .map(new ParseShopEvent())
                        .name("parse")
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<ShopEvent>forBoundedOutOfOrderness(
                                                Duration.ofSeconds(1))
                                        .withTimestampAssigner((event, recordTime) -> event.ts))
                        .name("timestamps");
        DataStream<String> alerts =
                CEP.pattern(events.keyBy(event -> event.user), pattern)
                        .process(new ToAlert())
                        .name("hand-written pattern");
        BenchRun.countingSink(alerts, EventPipelineBenchJob.MATCHES);
    }

    /** The fields the pattern needs; the others are ignored when parsing. */
    public static class ShopEvent {
        public String user;
        public String type;
        public double amount;
        public long ts;

        public ShopEvent() {}
    }

    /** What the user's job writes to its alert topic. */
    public static class Alert {
        public String user;
        public double amount;
        public long start;
        public long end;

        public Alert() {}
    }

    private static final ObjectMapper MAPPER =
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private static final class ParseShopEvent implements MapFunction<byte[], ShopEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public ShopEvent map(byte[] record) throws Exception {
            return MAPPER.readValue(record, ShopEvent.class);
        }
    }

    private static final class ToAlert extends PatternProcessFunction<ShopEvent, String> {
        private static final long serialVersionUID = 1L;

        /** Whatever the class: the user, the first high-value add's amount, first and last time. */
        @Override
        public void processMatch(
                Map<String, List<ShopEvent>> match, Context ctx, Collector<String> out)
                throws Exception {
            Alert alert = new Alert();
            alert.start = Long.MAX_VALUE;
            alert.end = Long.MIN_VALUE;
            for (List<ShopEvent> events : match.values()) {
                for (ShopEvent event : events) {
                    alert.user = event.user;
                    alert.start = Math.min(alert.start, event.ts);
                    alert.end = Math.max(alert.end, event.ts);
                }
            }
            List<ShopEvent> added = match.get("added");
            alert.amount = added == null ? 0 : added.get(0).amount;
            out.collect(MAPPER.writeValueAsString(alert));
        }
    }
}
