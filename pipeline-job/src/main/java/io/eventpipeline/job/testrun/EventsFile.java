package io.eventpipeline.job.testrun;

import io.eventpipeline.job.event.EventOrigin;
import io.eventpipeline.job.event.EventSizeLimit;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.event.RecordParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads a JSON Lines file as input records, streaming: one line at a time, never a line longer than
 * {@link EventSizeLimit#MAX_EVENT_BYTES} whole, so memory does not grow with the file.
 *
 * <p>A line ends at {@code \n}; a {@code \r} right before it (or at the end of the file) belongs to
 * the line end, so CRLF files read like LF files. A {@code \r} anywhere else is not a line end: it
 * stays in the line, which the parser then reads as any Kafka record with those bytes (JSON
 * whitespace between tokens; inside a string it makes the line a dead letter). Splitting there
 * would shift every later line number and cut an event in two. A UTF-8 byte order mark at the start
 * of the file is skipped; lines of only spaces and tabs are skipped. Lines are numbered from 1,
 * blank ones included; the number is each record's origin, and when the pipeline uses Kafka record
 * time also its event time: line order is time order. Each record goes through the same {@link
 * RecordParser} as on Kafka, so a line is rejected exactly when that record would be.
 */
public final class EventsFile {
    private static final int CHUNK = 64 * 1024;

    private final RecordParser parser;

    public EventsFile(RecordParser parser) {
        this.parser = parser;
    }

    /** Parses every non-blank line of {@code in}, in order, into {@code out}. */
    public void read(InputStream in, Consumer<PipelineEvent> out) throws IOException {
        LineBuffer line = new LineBuffer();
        byte[] chunk = new byte[CHUNK];
        long lineNumber = 1;
        boolean startOfFile = true;
        int read;
        while ((read = in.readNBytes(chunk, 0, chunk.length)) > 0) {
            int from = 0;
            if (startOfFile) {
                startOfFile = false;
                if (read >= 3
                        && (chunk[0] & 0xFF) == 0xEF
                        && (chunk[1] & 0xFF) == 0xBB
                        && (chunk[2] & 0xFF) == 0xBF) {
                    from = 3;
                }
            }
            for (int i = from; i < read; i++) {
                if (chunk[i] == '\n') {
                    line.append(chunk, from, i - from);
                    emit(line, lineNumber++, out);
                    from = i + 1;
                }
            }
            line.append(chunk, from, read - from);
        }
        if (line.size() > 0) {
            emit(line, lineNumber, out);
        }
    }

    private void emit(LineBuffer line, long lineNumber, Consumer<PipelineEvent> out) {
        line.dropTrailingCarriageReturn();
        EventOrigin origin = EventOrigin.line(lineNumber);
        if (EventSizeLimit.tooLarge(line.size())) {
            out.accept(parser.tooLarge(line.start(), line.size(), origin, lineNumber));
        } else if (!line.isBlank()) {
            out.accept(parser.parse(line.bytes(), origin, lineNumber));
        }
        line.clear();
    }

    /**
     * One line's bytes; past {@link EventSizeLimit#MAX_EVENT_BYTES} only its size is counted on.
     */
    private static final class LineBuffer {
        private byte[] bytes = new byte[256];
        private int kept;
        private long size;
        private boolean endsWithCarriageReturn;

        void append(byte[] from, int offset, int length) {
            if (length == 0) {
                return;
            }
            int room = EventSizeLimit.MAX_EVENT_BYTES + 1 - kept;
            int keep = Math.min(length, Math.max(0, room));
            if (keep > 0) {
                if (kept + keep > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(kept + keep, bytes.length * 2));
                }
                System.arraycopy(from, offset, bytes, kept, keep);
                kept += keep;
            }
            size += length;
            endsWithCarriageReturn = from[offset + length - 1] == '\r';
        }

        void dropTrailingCarriageReturn() {
            if (endsWithCarriageReturn) {
                size--;
                if (kept > size) {
                    kept--;
                }
                endsWithCarriageReturn = false;
            }
        }

        long size() {
            return size;
        }

        boolean isBlank() {
            for (int i = 0; i < kept; i++) {
                if (bytes[i] != ' ' && bytes[i] != '\t') {
                    return false;
                }
            }
            return true;
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, kept);
        }

        byte[] start() {
            return Arrays.copyOf(bytes, Math.min(kept, EventSizeLimit.DEAD_LETTER_PREFIX_BYTES));
        }

        void clear() {
            kept = 0;
            size = 0;
            endsWithCarriageReturn = false;
            if (bytes.length > CHUNK) {
                bytes = new byte[256]; // one long line must not pin a megabyte for the rest
            }
        }
    }
}
