package io.eventpipeline.job.semantics;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventpipeline.job.TestPipelines;
import io.eventpipeline.job.testrun.TestRunResult;
import io.eventpipeline.job.testrun.TestRunner;
import io.eventpipeline.spec.cel.EventJson;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Runs patterns over a compact event notation through the {@code test} command's code path and
 * renders each match compactly, so that semantics tables read like Flink's documentation.
 *
 * <p>Events: {@code "a@1"} is {@code {"k":"k1","type":"a","t":1000}} (type a at second 1); {@code
 * "a@1=5"} adds {@code "v":5}; {@code "a@1/k2"} uses key k2. Matches: {@code "a:1 b:2,3"} is step a
 * with the event at second 1 and step b with those at seconds 2 and 3; a timed-out partial match is
 * prefixed {@code "timeout "}.
 */
final class PatternHarness {
    private PatternHarness() {}

    /**
     * @param patterns the {@code spec.patterns} list in YAML, starting at column 0 with "- name:"
     */
    static List<String> run(String patterns, String events) throws Exception {
        return render(runRaw(patterns, events));
    }

    static TestRunResult runRaw(String patterns, String events) throws Exception {
        return TestRunner.run(
                ResolvedPipeline.resolve(TestPipelines.withPatterns("semantics", patterns)),
                lines(events));
    }

    static List<String> lines(String events) {
        List<String> lines = new ArrayList<>();
        for (String token : events.trim().split("\\s+")) {
            String key = "k1";
            int slash = token.indexOf('/');
            if (slash >= 0) {
                key = token.substring(slash + 1);
                token = token.substring(0, slash);
            }
            String value = null;
            int equals = token.indexOf('=');
            if (equals >= 0) {
                value = token.substring(equals + 1);
                token = token.substring(0, equals);
            }
            String[] typeAndTime = token.split("@");
            long millis = Long.parseLong(typeAndTime[1]) * 1000;
            lines.add(
                    "{\"k\":\""
                            + key
                            + "\",\"type\":\""
                            + typeAndTime[0]
                            + "\",\"t\":"
                            + millis
                            + (value == null ? "" : ",\"v\":" + value)
                            + "}");
        }
        return lines;
    }

    static List<String> render(TestRunResult result) throws Exception {
        List<String> rendered = new ArrayList<>();
        for (String json : result.matchLines()) {
            rendered.add(render(EventJson.mapper().readTree(json)));
        }
        return rendered;
    }

    private static String render(JsonNode record) {
        List<String> steps = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = record.get("events").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> step = fields.next();
            List<String> seconds = new ArrayList<>();
            step.getValue()
                    .forEach(event -> seconds.add(Long.toString(event.get("t").asLong() / 1000)));
            steps.add(step.getKey() + ":" + String.join(",", seconds));
        }
        String prefix = record.get("timedOut").asBoolean() ? "timeout " : "";
        return prefix + String.join(" ", steps);
    }
}
