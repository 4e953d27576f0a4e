package io.eventpipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertPrinterTest {
    @Test
    void aMatchRecordBecomesOneLineWithItsFieldsAndTimeSpan() {
        String record =
                "{\"pipeline\":\"flight-delays\",\"pattern\":\"delay-then-gate-change\","
                        + "\"matchId\":\"x\",\"key\":\"AA100\",\"timedOut\":false,"
                        + "\"start\":1714557600000,\"end\":1714558800000,\"events\":{},"
                        + "\"fields\":{\"delayMinutes\":45,\"flight\":\"AA100\"}}";
        assertThat(AlertPrinter.format(record))
                .isEqualTo(
                        "ALERT   flight-delays/delay-then-gate-change  key=AA100 delayMinutes=45"
                                + " flight=AA100  (2024-05-01T10:00:00Z .. 2024-05-01T10:20:00Z)");
    }

    @Test
    void timedOutMatchesAreMarked() {
        assertThat(AlertPrinter.format("{\"pipeline\":\"p\",\"pattern\":\"q\",\"timedOut\":true}"))
                .startsWith("TIMEOUT p/q");
    }
}
