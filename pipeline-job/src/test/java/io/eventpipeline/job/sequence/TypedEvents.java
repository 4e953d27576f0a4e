package io.eventpipeline.job.sequence;

import io.eventpipeline.job.event.PipelineEvent;
import io.eventpipeline.job.match.MatchOutput;
import io.eventpipeline.job.topology.PatternOperators;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Events {@code {"k": key, "type": type, "t": millis}} fed to a pattern operator's test harness,
 * each on the next input line, and the matches it emitted as {@code key:events}.
 */
final class TypedEvents {
    private final PatternOperators operators;
    private int line;

    TypedEvents(PatternOperators operators) {
        this.operators = operators;
    }

    void feed(
            KeyedOneInputStreamOperatorTestHarness<String, PipelineEvent, MatchOutput> harness,
            String key,
            String type,
            long millis)
            throws Exception {
        PipelineEvent event =
                operators.event(
                        "{\"k\":\"" + key + "\",\"type\":\"" + type + "\",\"t\":" + millis + "}",
                        ++line,
                        0);
        harness.processElement(new StreamRecord<>(event, millis));
    }

    static List<String> matches(
            KeyedOneInputStreamOperatorTestHarness<String, PipelineEvent, MatchOutput> harness) {
        List<String> found = new ArrayList<>();
        for (MatchOutput match : harness.extractOutputValues()) {
            found.add(match.key + ":" + match.json().replaceAll(".*\"events\":", ""));
        }
        return found;
    }
}
