package io.eventpipeline.job.testrun;

import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.event.RecordParser;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The {@code test} command's source: given the events file's path (the single element of its
 * input), emits the file's records in line order as it reads them, so the file is never held in
 * memory and back pressure paces the reading.
 */
final class ReadEventsFile implements FlatMapFunction<String, PipelineEvent> {
    private static final long serialVersionUID = 1L;

    private final RecordParser parser;

    ReadEventsFile(RecordParser parser) {
        this.parser = parser;
    }

    @Override
    public void flatMap(String path, Collector<PipelineEvent> out) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            new EventsFile(parser).read(in, out::collect);
        }
    }
}
