package io.eventpipeline.spec;

/** EventPipeline documents for tests. */
public final class Documents {
    private Documents() {}

    /** A document with the given metadata name and spec body (YAML, indented by two). */
    public static String pipeline(String name, String spec) {
        return "apiVersion: eventpipeline.io/v1alpha1\n"
                + "kind: EventPipeline\n"
                + "metadata: {name: "
                + name
                + ", namespace: airline}\n"
                + "spec:\n"
                + spec.stripIndent()
                        .lines()
                        .map(line -> "  " + line)
                        .reduce("", (a, b) -> a + b + "\n");
    }

    /** A document named {@code test} with the given spec body. */
    public static String pipeline(String spec) {
        return pipeline("test", spec);
    }

    /** The smallest valid spec body. */
    public static final String MINIMAL =
            """
            input: {topic: events, key: id}
            patterns:
              - name: p
                steps:
                  - {name: a, where: "event.type == 'A'"}
            output: {topic: alerts}
            """;

    /**
     * The README's EventPipeline example with every field set (afterMatch skipPastLastEvent, times
     * {min 1, max 3}; no idleTimeout).
     */
    public static final String FLIGHT_DELAYS =
            """
            apiVersion: eventpipeline.io/v1alpha1
            kind: EventPipeline
            metadata: {name: flight-delays, namespace: airline}
            spec:
              kafka:
                bootstrapServers: kafka-bootstrap.kafka:9092
                authSecretRef: {name: kafka-client}
              input:
                topic: flight-events
                create: true
                partitions: 6
                replicationFactor: 3
                config: {retention.ms: "86400000"}
                key: flightId
                timestamp: {field: eventTime, maxOutOfOrderness: 30s}
                startFrom: latest
              patterns:
                - name: delay-then-gate-change
                  steps:
                    - name: delay
                      where: "event.type == 'DELAY' && event.minutes >= 30"
                    - name: gate
                      after: followedBy
                      where: "event.type == 'GATE_CHANGE' && event.gate != delay[0].gate"
                      times: {min: 1, max: 3}
                  within: 2h
                  afterMatch: skipPastLastEvent
                  emit: {flight: "delay[0].flightId", delayMinutes: "delay[0].minutes"}
                  emitTimeouts: false
              output: {topic: flight-alerts, partitions: 3, replicationFactor: 3}
              deadLetter: {topic: flight-events-dlq}
              delivery: at-least-once
              flink:
                image: ghcr.io/eventpipeline/pipeline-job:0.1.0
                parallelism: 2
                jobManager: {resources: {cpu: 0.5, memory: 1Gi}}
                taskManager: {resources: {cpu: 1, memory: 2Gi}}
                checkpointInterval: 30s
                upgradeMode: savepoint
                flinkConfiguration: {}
              suspend: false
              topicDeletionPolicy: Retain
            """;
}
