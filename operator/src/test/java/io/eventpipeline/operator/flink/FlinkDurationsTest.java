package io.eventpipeline.operator.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlinkDurationsTest {
    @Test
    void readsFlinksSpellings() {
        assertThat(FlinkDurations.parse("30000")).contains(Duration.ofSeconds(30));
        assertThat(FlinkDurations.parse("30000 ms")).contains(Duration.ofSeconds(30));
        assertThat(FlinkDurations.parse("30 s")).contains(Duration.ofSeconds(30));
        assertThat(FlinkDurations.parse(" 5min ")).contains(Duration.ofMinutes(5));
        // In Flink's configuration "m" is minutes, not milliseconds.
        assertThat(FlinkDurations.parse("10m")).contains(Duration.ofMinutes(10));
        assertThat(FlinkDurations.parse("2 HOURS")).contains(Duration.ofHours(2));
        assertThat(FlinkDurations.parse("1 d")).contains(Duration.ofDays(1));
    }

    @Test
    void whatFlinkWouldNotReadIsEmpty() {
        assertThat(FlinkDurations.parse("soon")).isEmpty();
        assertThat(FlinkDurations.parse("1h30m")).isEmpty();
        assertThat(FlinkDurations.parse("5 fortnights")).isEmpty();
        assertThat(FlinkDurations.parse(null)).isEmpty();
    }
}
