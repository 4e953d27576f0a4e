package io.eventpipeline.job.testrun;

import io.eventpipeline.job.event.EventOrigin;
import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.event.RecordParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON Lines file into input records, one per non-blank line, with the same {@link
 * RecordParser} as the Kafka source. Each record's origin is its line number, and when the pipeline
 * uses Kafka record time the line number is the event time: line order is time order.
 */
public final class EventsFile {
    private EventsFile() {}

    public static List<PipelineEvent> read(Path file, RecordParser parser) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), parser);
    }

    /** Parses lines (line 1 first); blank lines are skipped. */
    public static List<PipelineEvent> parse(List<String> lines, RecordParser parser) {
        List<PipelineEvent> events = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            long lineNumber = i + 1;
            events.add(
                    parser.parse(
                            line.getBytes(StandardCharsets.UTF_8),
                            EventOrigin.line(lineNumber),
                            lineNumber));
        }
        return events;
    }
}
