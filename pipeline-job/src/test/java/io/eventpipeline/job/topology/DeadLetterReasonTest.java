package io.eventpipeline.job.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.event.EventOrigin;
import io.eventpipeline.job.event.EventSizeLimit;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.event.RecordParser;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The metric label of each kind of parser rejection, from the parser's real messages. */
class DeadLetterReasonTest {
    private static final RecordParser PARSER = parser();

    private static RecordParser parser() {
        try {
            return RecordParser.of(
                    ResolvedPipeline.resolve(
                                    PipelineDefinition.parse(
                                            """
                                            metadata: {name: p}
                                            spec:
                                              input: {topic: in, key: timestamp.id, timestamp: {field: key.at}}
                                              output: {topic: out}
                                              patterns: [{name: p, steps: [{name: a, where: "true"}]}]
                                            """))
                            .input());
        } catch (InvalidPipelineException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json                                        | NOT_JSON",
                "{\"timestamp\":{\"id\":1}                       | NOT_JSON",
                "{\"key\":{\"at\":1}}                            | KEY",
                "{\"timestamp\":{\"id\":null},\"key\":{\"at\":1}} | KEY",
                "{\"timestamp\":{\"id\":1}}                      | TIMESTAMP",
                "{\"timestamp\":{\"id\":1},\"key\":{\"at\":\"soon\"}} | TIMESTAMP",
                "{\"timestamp\":{\"id\":1},\"key\":{\"at\":-1}} | TIMESTAMP_RANGE",
                "{\"timestamp\":{\"id\":1},\"key\":{\"at\":1e300}} | TIMESTAMP_RANGE",
                "{\"timestamp\":{\"id\":1},\"key\":{\"at\":\"3000-01-01T00:00:00Z\"}} |"
                        + " TIMESTAMP_RANGE",
            })
    void classifiesParserRejections(String record, DeadLetterReason expected) {
        PipelineEvent event =
                PARSER.parse(
                        record.getBytes(StandardCharsets.UTF_8), new EventOrigin("in", 0, 0), 0);
        assertThat(event.isRejected()).isTrue();
        assertThat(DeadLetterReason.ofRejection(event.rejection())).isEqualTo(expected);
    }

    @Test
    void classifiesRecordsThatAreNotUtf8OrTooLarge() {
        byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};
        assertThat(
                        DeadLetterReason.ofRejection(
                                PARSER.parse(notUtf8, new EventOrigin("in", 0, 0), 0).rejection()))
                .isEqualTo(DeadLetterReason.NOT_UTF8);
        byte[] tooLarge = new byte[EventSizeLimit.MAX_EVENT_BYTES + 1];
        assertThat(
                        DeadLetterReason.ofRejection(
                                PARSER.parse(tooLarge, new EventOrigin("in", 0, 0), 0).rejection()))
                .isEqualTo(DeadLetterReason.TOO_LARGE);
    }
}
