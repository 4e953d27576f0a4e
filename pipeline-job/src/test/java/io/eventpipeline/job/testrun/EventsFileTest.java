package io.eventpipeline.job.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.event.EventSizeLimit;
import io.eventpipeline.job.event.KeyExtractor;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.event.RecordParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the {@code test} command cuts its file into records, streaming. */
class EventsFileTest {
    private static final RecordParser PARSER = new RecordParser(new KeyExtractor("id"), null);

    private static List<PipelineEvent> read(byte[] file) throws IOException {
        return read(new ByteArrayInputStream(file));
    }

    private static List<PipelineEvent> read(InputStream file) throws IOException {
        List<PipelineEvent> events = new ArrayList<>();
        new EventsFile(PARSER).read(file, events::add);
        return events;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(PipelineEvent event) {
        return new String(event.raw(), StandardCharsets.UTF_8);
    }

    @Test
    void numbersLinesFromOneCountingBlankOnesAndSkipsThem() throws IOException {
        List<PipelineEvent> events = read(utf8("{\"id\":1}\n\n  \t\n{\"id\":2}"));
        assertThat(events).extracting(e -> e.origin().offset()).containsExactly(1L, 4L);
        assertThat(events).extracting(PipelineEvent::timestamp).containsExactly(1L, 4L);
        assertThat(events)
                .extracting(EventsFileTest::text)
                .containsExactly("{\"id\":1}", "{\"id\":2}");
    }

    @Test
    void crlfLineEndsReadLikeLfAndAByteOrderMarkIsSkipped() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(bom);
        file.write(utf8("{\"id\":1}\r\n\r\n{\"id\":2}\r\n{\"id\":3}\r"));
        List<PipelineEvent> events = read(file.toByteArray());
        assertThat(events).extracting(PipelineEvent::isRejected).containsOnly(false);
        assertThat(events)
                .extracting(EventsFileTest::text)
                .containsExactly("{\"id\":1}", "{\"id\":2}", "{\"id\":3}");
        assertThat(events).extracting(e -> e.origin().offset()).containsExactly(1L, 3L, 4L);
    }

    @Test
    void aLoneCarriageReturnStaysInItsLine() throws IOException {
        List<PipelineEvent> events =
                read(utf8("{\"id\":1,\r\"n\":2}\n{\"id\":\"a\rb\"}\n{\"id\":3}\n"));
        assertThat(events).extracting(e -> e.origin().offset()).containsExactly(1L, 2L, 3L);
        assertThat(events.get(0).isRejected()).isFalse();
        assertThat(text(events.get(0))).isEqualTo("{\"id\":1,\r\"n\":2}");
        assertThat(events.get(1).rejection())
                .startsWith("not JSON: Illegal unquoted character ((CTRL-CHAR, code 13))");
        assertThat(events.get(2).isRejected()).isFalse();
    }

    @Test
    void invalidUtf8IsAReportedLineAndTheRestIsRead() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(utf8("{\"id\":\"caf"));
        file.write(new byte[] {(byte) 0xE9}); // Latin-1 é
        file.write(utf8("\"}\n{\"id\":2}\n"));
        List<PipelineEvent> events = read(file.toByteArray());
        assertThat(events.get(0).rejection()).startsWith("not UTF-8: byte 0xE9 at offset 10");
        assertThat(events.get(1).isRejected()).isFalse();
    }

    @Test
    void aLineOverTheLimitIsReportedWithItsSizeAndOnlyItsStartIsKept() throws IOException {
        int size = 5 * 1024 * 1024;
        byte[] head = utf8("{\"id\":1,\"pad\":\"");
        // A generated stream: the long line never exists as one array here either.
        InputStream file =
                new SequenceInputStream(
                        Collections.enumeration(
                                List.of(
                                        new ByteArrayInputStream(head),
                                        new RepeatedByte('x', size - head.length),
                                        new ByteArrayInputStream(utf8("\r\n{\"id\":2}\n")))));
        List<PipelineEvent> events = read(file);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).rejection())
                .startsWith("too large: " + size + " bytes, more than the limit of 1000000");
        assertThat(events.get(0).raw()).hasSize(EventSizeLimit.DEAD_LETTER_PREFIX_BYTES);
        assertThat(events.get(0).origin().offset()).isEqualTo(1);
        assertThat(events.get(1).isRejected()).isFalse();
        assertThat(events.get(1).origin().offset()).isEqualTo(2);
    }

    @Test
    void aLineExactlyAtTheLimitIsRead() throws IOException {
        String head = "{\"id\":1,\"pad\":\"";
        String line = head + "x".repeat(EventSizeLimit.MAX_EVENT_BYTES - head.length() - 2) + "\"}";
        List<PipelineEvent> events = read(utf8(line + "\r\n"));
        assertThat(events.get(0).isRejected()).isFalse();
        assertThat(events.get(0).raw()).hasSize(EventSizeLimit.MAX_EVENT_BYTES);
    }

    /** {@code count} copies of one byte, without an array of that size. */
    private static final class RepeatedByte extends InputStream {
        private final int value;
        private long left;

        RepeatedByte(char value, long count) {
            this.value = value;
            this.left = count;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return value;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) value);
            left -= n;
            return n;
        }
    }
}
