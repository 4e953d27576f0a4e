package io.eventpipeline.job.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.event.EventOrigin;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.event.RecordParser;
import io.eventpipeline.spec.model.InputSpec;
import io.eventpipeline.spec.model.TimestampSpec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The metric label of each kind of parser rejection, from the parser's real messages. */
class DeadLetterReasonTest {
    private static final RecordParser PARSER = parser();

    private static RecordParser parser() {
        InputSpec input = new InputSpec();
        input.setTopic("in");
        input.setKey("timestamp.id");
        TimestampSpec timestamp = new TimestampSpec();
        timestamp.setField("key.at");
        input.setTimestamp(timestamp);
        return RecordParser.of(input);
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
            })
    void classifiesParserRejections(String record, DeadLetterReason expected) {
        PipelineEvent event =
                PARSER.parse(
                        record.getBytes(StandardCharsets.UTF_8), new EventOrigin("in", 0, 0), 0);
        assertThat(event.isRejected()).isTrue();
        assertThat(DeadLetterReason.ofRejection(event.rejection())).isEqualTo(expected);
    }
}
