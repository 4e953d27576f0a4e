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
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * Job 2 of the benchmark: the benchmark's pattern ({@code bench/checkout-journey.yaml}) as a user
 * would write it without us. Jackson into a POJO, lambdas for the conditions, a POJO alert written
 * as JSON. Same source, watermarks (1 s out of order), parallelism, state backend and sink as job
 * 1.
 */
final class HandWrittenCepJob {
    private HandWrittenCepJob() {}

    static void build(StreamExecutionEnvironment env) {
        DataStream<ShopEvent> events =
                BenchRun.source(env)
                        .map(new ParseShopEvent())
                        .name("parse")
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<ShopEvent>forBoundedOutOfOrderness(
                                                Duration.ofSeconds(1))
                                        .withTimestampAssigner((event, recordTime) -> event.ts))
                        .name("timestamps");
        Pattern<ShopEvent, ShopEvent> checkout =
                Pattern.<ShopEvent>begin("viewed")
                        .where(SimpleCondition.of(event -> "product_view".equals(event.type)))
                        .followedBy("added")
                        .where(
                                SimpleCondition.of(
                                        event ->
                                                "add_to_cart".equals(event.type)
                                                        && event.amount >= 100.0))
                        .followedBy("paid")
                        .where(SimpleCondition.of(event -> "payment".equals(event.type)))
                        .within(Duration.ofMinutes(10));
        DataStream<String> alerts =
                CEP.pattern(events.keyBy(event -> event.user), checkout)
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

        @Override
        public void processMatch(
                Map<String, List<ShopEvent>> match, Context ctx, Collector<String> out)
                throws Exception {
            ShopEvent viewed = match.get("viewed").get(0);
            ShopEvent added = match.get("added").get(0);
            Alert alert = new Alert();
            alert.user = viewed.user;
            alert.amount = added.amount;
            alert.start = viewed.ts;
            alert.end = match.get("paid").get(0).ts;
            out.collect(MAPPER.writeValueAsString(alert));
        }
    }
}
