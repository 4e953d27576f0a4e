package io.eventpipeline.job.kafka;

import java.util.List;

/**
 * The pipeline and first events of the savepoint that the job version before {@code
 * WIDENED_SEQUENCES} wrote (test resource {@code savepoints/engine-move}): it ran {@code abandon}
 * (a trailing {@code notFollowedBy}) and {@code bigger} (a condition on an earlier step's event) on
 * Flink CEP, which this version runs on the sequence matcher, and {@code pair} on the sequence
 * matcher in both.
 */
final class EngineMoveSavepoint {
    static final String INPUT = "engine-move-in";
    static final String OUTPUT = "engine-move-out";
    static final String DEAD_LETTER = "engine-move-dlq";

    private EngineMoveSavepoint() {}

    static String pipeline(String bootstrapServers) {
        return """
        apiVersion: eventpipeline.io/v1alpha1
        kind: EventPipeline
        metadata: {name: engine-move, namespace: it}
        spec:
          kafka: {bootstrapServers: "%s"}
          input: {topic: %s, key: id, timestamp: {field: ts}, startFrom: earliest}
          output: {topic: %s}
          deadLetter: {topic: %s}
          patterns:
            - name: abandon
              within: 1h
              steps:
                - {name: viewed, where: "event.type == 'view'"}
                - {name: added, where: "event.type == 'add'"}
                - {name: paid, after: notFollowedBy, where: "event.type == 'pay'"}
            - name: bigger
              within: 1h
              steps:
                - {name: first, where: "event.type == 'bid'"}
                - {name: higher, where: "event.type == 'bid' && event.amount > first[0].amount"}
            - name: pair
              within: 1h
              steps:
                - {name: s1, where: "event.type == 'q1'"}
                - {name: s2, where: "event.type == 'q2'"}
        """
                .formatted(bootstrapServers, INPUT, OUTPUT, DEAD_LETTER);
    }

    static String event(String key, String type, long seconds, int amount) {
        return "{\"id\":\"%s\",\"type\":\"%s\",\"ts\":%d,\"amount\":%d}"
                .formatted(key, type, seconds * 1000, amount);
    }

    /** Key x: every pattern's partial match in progress when the savepoint was taken. */
    static List<String> phaseOne() {
        return List.of(
                event("x", "view", 10, 0),
                event("x", "add", 11, 0),
                event("x", "bid", 10, 5),
                event("x", "q1", 10, 0),
                event("clock", "tick", 20, 0),
                "probe-1");
    }
}
