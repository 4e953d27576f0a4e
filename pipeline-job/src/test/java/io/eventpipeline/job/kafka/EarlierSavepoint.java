package io.eventpipeline.job.kafka;

import java.util.List;

/** The pipeline and first events of the savepoint an earlier job version wrote. */
final class EarlierSavepoint {
    private EarlierSavepoint() {}

    static String pipeline(String bootstrapServers) {
        return """
        apiVersion: eventpipeline.io/v1alpha1
        kind: EventPipeline
        metadata: {name: earlier, namespace: it}
        spec:
          kafka: {bootstrapServers: "%s"}
          input: {topic: earlier-in, key: id, timestamp: {field: ts}, startFrom: earliest}
          output: {topic: earlier-out}
          deadLetter: {topic: earlier-dlq}
          patterns:
            - name: a
              within: 1h
              steps:
                - {name: s1, where: "event.type == 'a1'"}
                - {name: s2, where: "event.type == 'a2'"}
            - name: b
              within: 1h
              steps:
                - {name: s1, where: "event.type == 'b1'"}
                - {name: s2, after: followedByAny, where: "event.type == 'b2'"}
            - name: c
              within: 1h
              emit: {who: "s1[0].id"}
              steps:
                - {name: s1, where: "event.type == 'c1'"}
                - {name: s2, where: "event.type == 'c2'"}
        """
                .formatted(bootstrapServers);
    }

    static String event(String key, String type, long seconds) {
        return "{\"id\":\"%s\",\"type\":\"%s\",\"ts\":%d}".formatted(key, type, seconds * 1000);
    }

    /** x: a partial match taken; w: an event still waiting for the watermark at savepoint time. */
    static List<String> phaseOne() {
        return List.of(
                event("x", "a1", 10),
                event("x", "b1", 10),
                event("x", "c1", 10),
                event("clock", "tick", 20),
                event("w", "a1", 25),
                event("w", "b1", 25),
                event("w", "c1", 25),
                "probe-1");
    }
}
