package io.eventpipeline.job.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * What the parser does with records meant to stop a pipeline: each one is rejected with its reason,
 * and the parser never throws. The same records go through the deployed job in {@code
 * HostileRecordsIT}.
 */
class RecordPoliciesTest {
    private static final EventOrigin ORIGIN = new EventOrigin("in", 0, 7);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final EventTimeRange RANGE =
            new EventTimeRange(Clock.fixed(NOW, ZoneOffset.UTC), EventTimeRange.MAX_AHEAD);
    private final RecordParser byField =
            new RecordParser(
                    new KeyExtractor("id"), new TimestampExtractor("ts"), Optional.empty(), RANGE);
    private final RecordParser byRecordTime =
            new RecordParser(new KeyExtractor("id"), null, Optional.empty(), RANGE);

    private PipelineEvent parse(String json) {
        return byField.parse(json.getBytes(StandardCharsets.UTF_8), ORIGIN, 5);
    }

    @Test
    void eventTimesStayWithinTheRange() {
        long now = NOW.toEpochMilli();
        assertThat(RANGE.problem(0)).isNull();
        assertThat(RANGE.problem(now + EventTimeRange.MAX_AHEAD.toMillis())).isNull();
        assertThat(RANGE.problem(-1)).startsWith("event time out of range: -1 is before 1970");
        assertThat(RANGE.problem(now + EventTimeRange.MAX_AHEAD.toMillis() + 1))
                .startsWith("event time out of range: ")
                .endsWith("is more than 60 minutes ahead of the clock (2026-01-01T00:00:00Z)");
        assertThat(RANGE.problem(Long.MAX_VALUE)).contains("ahead of the clock");
        assertThat(RANGE.problem(Long.MIN_VALUE)).contains("before 1970");
    }

    @Test
    void theDeployedJobTakesTheBoundAheadFromFlinksConfiguration() {
        long year3000 = Instant.parse("3000-01-01T00:00:00Z").toEpochMilli();
        assertThat(EventTimeRange.of(new Configuration()).problem(year3000))
                .contains("is more than 60 minutes ahead of the clock");
        Configuration replay = new Configuration();
        replay.setString(EventTimeRange.MAX_AHEAD_KEY.key(), "400000d");
        assertThat(EventTimeRange.of(replay).problem(year3000)).isNull();
        assertThat(EventTimeRange.of(replay).problem(Long.MAX_VALUE))
                .contains("ahead of the clock");
    }

    @Test
    void aFarFutureOrUnrepresentableTimestampIsRejectedNotClamped() {
        assertThat(parse("{\"id\":\"a\",\"ts\":32503680000000}").rejection())
                .startsWith("event time out of range: 32503680000000 (3000-01-01T00:00:00Z)");
        assertThat(parse("{\"id\":\"a\",\"ts\":\"3000-01-01T00:00:00Z\"}").rejection())
                .contains("ahead of the clock");
        assertThat(parse("{\"id\":\"a\",\"ts\":9223372036854775807}").rejection())
                .contains("ahead of the clock");
        assertThat(parse("{\"id\":\"a\",\"ts\":-5}").rejection()).contains("before 1970");
        for (String beyondALong :
                new String[] {
                    "1e300",
                    "99999999999999999999999",
                    "-99999999999999999999999",
                    "\"99999999999999999999\"",
                    "\"+1000000000-01-01T00:00:00Z\"",
                    "\"-1000000000-01-01T00:00:00Z\"",
                }) {
            assertThat(parse("{\"id\":\"a\",\"ts\":" + beyondALong + "}").rejection())
                    .as(beyondALong)
                    .startsWith("event time out of range: timestamp field 'ts' holds ")
                    .endsWith("beyond any time in epoch milliseconds");
        }
        assertThat(parse("{\"id\":\"a\",\"ts\":1767225600000}").isRejected()).isFalse();
    }

    @Test
    void recordTimeIsBoundedToo() {
        byte[] event = "{\"id\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(byRecordTime.parse(event, ORIGIN, 1000).isRejected()).isFalse();
        assertThat(byRecordTime.parse(event, ORIGIN, -1).rejection()).contains("before 1970");
    }

    @Test
    void twoDifferentNumbersNeverShareAKey() {
        assertThat(parse("{\"id\":12345678901234567891,\"ts\":1}").key())
                .isEqualTo("12345678901234567891");
        assertThat(parse("{\"id\":12345678901234567892,\"ts\":1}").key())
                .isEqualTo("12345678901234567892");
        assertThat(parse("{\"id\":9007199254740993,\"ts\":1}").key()).isEqualTo("9007199254740993");
        assertThat(parse("{\"id\":0.10000000000000000001,\"ts\":1}").key())
                .isEqualTo("0.10000000000000000001");
        assertThat(parse("{\"id\":1.0000000000000000000000001e30,\"ts\":1}").key())
                .isEqualTo("1000000000000000000000000100000");
        // Keys a double holds exactly keep the text they always had (state stays where it was).
        assertThat(parse("{\"id\":0.1,\"ts\":1}").key()).isEqualTo("0.1");
        assertThat(parse("{\"id\":1.50,\"ts\":1}").key()).isEqualTo("1.5");
        assertThat(parse("{\"id\":1e2,\"ts\":1}").key()).isEqualTo("100.0");
        assertThat(parse("{\"id\":100000000000000000000,\"ts\":1}").key()).isEqualTo("1.0E20");
        // The last of duplicate fields counts, as for conditions.
        assertThat(parse("{\"id\":1,\"id\":12345678901234567891,\"ts\":1}").key())
                .isEqualTo("12345678901234567891");
        // Conditions still see a double.
        assertThat(parse("{\"id\":12345678901234567891,\"ts\":1}").body().get("id"))
                .isEqualTo(1.2345678901234567E19);
    }

    @Test
    void invalidUtf8IsRejectedNotReplaced() {
        byte[] raw =
                "{\"id\":\"a\",\"ts\":1,\"name\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        byte[] broken = Arrays.copyOf(raw, raw.length);
        broken[broken.length - 3] = (byte) 0x28; // é's second byte: C3 28
        PipelineEvent event = byField.parse(broken, ORIGIN, 5);
        assertThat(event.rejection())
                .isEqualTo("not UTF-8: byte 0xC3 at offset 28 starts no valid UTF-8 sequence");
        assertThat(event.raw()).isEqualTo(broken);
        assertThat(byField.parse(raw, ORIGIN, 5).isRejected()).isFalse();
    }

    @Test
    void aRecordOverTheSizeLimitIsRejectedKeepingItsStart() {
        byte[] atLimit = padded(EventSizeLimit.MAX_EVENT_BYTES);
        assertThat(byField.parse(atLimit, ORIGIN, 5).isRejected()).isFalse();

        byte[] over = padded(3 * 1024 * 1024);
        PipelineEvent event = byField.parse(over, ORIGIN, 5);
        assertThat(event.rejection())
                .isEqualTo(
                        "too large: 3145728 bytes, more than the limit of 1000000 (the dead"
                                + " letter keeps the first 65536)");
        assertThat(event.raw())
                .hasSize(EventSizeLimit.DEAD_LETTER_PREFIX_BYTES)
                .isEqualTo(Arrays.copyOf(over, EventSizeLimit.DEAD_LETTER_PREFIX_BYTES));
    }

    /** A valid event of exactly {@code size} bytes. */
    private static byte[] padded(int size) {
        String head = "{\"id\":\"a\",\"ts\":1,\"pad\":\"";
        String tail = "\"}";
        return (head + "x".repeat(size - head.length() - tail.length()) + tail)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCarriageReturnIsWhitespaceBetweenTokensAndRejectedInsideAString() {
        assertThat(parse("{\"id\":\"a\",\r\"ts\":1}\r").isRejected()).isFalse();
        assertThat(parse("{\"id\":\"a\r b\",\"ts\":1}").rejection())
                .startsWith("not JSON: Illegal unquoted character ((CTRL-CHAR, code 13))");
    }
}
