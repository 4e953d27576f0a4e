package io.eventpipeline.job.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.HostileRecords;
import io.eventpipeline.job.event.EventSizeLimit;
import io.eventpipeline.testsupport.flink.SharedMiniCluster;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code test} command's contract: output, order, stderr reports and exit codes. */
class TestCommandIT {
    @RegisterExtension static final MiniClusterExtension FLINK = SharedMiniCluster.create();

    private static final Path EXAMPLES = Path.of("..", "examples");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new TestCommand(
                        InputStream.nullInputStream(),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(args));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** What stderr reports before the summary: the refused lines and problems. */
    private String reports() {
        return stderr().lines()
                .filter(line -> !line.startsWith("test: "))
                .map(line -> line + "\n")
                .collect(java.util.stream.Collectors.joining());
    }

    @Test
    void flightDelaysExampleGivesItsExpectedAlerts() throws Exception {
        int exit =
                run(
                        "--pipeline", EXAMPLES.resolve("flight-delays.yaml").toString(),
                        "--events", EXAMPLES.resolve("flight-events.jsonl").toString());
        assertThat(exit).isZero();
        assertThat(stdout())
                .isEqualTo(Files.readString(EXAMPLES.resolve("flight-delays.expected.jsonl")));
        assertThat(stdout().lines())
                .hasSize(2)
                .first()
                .asString()
                .contains("\"key\":\"AA100\"", "\"newGate\":\"B7\"");
        assertThat(reports().lines())
                .containsExactly(
                        "line 6: not JSON: Unrecognized token 'this': was expecting (JSON String,"
                                + " Number, Array, Object or token 'null', 'true' or 'false')",
                        "line 8: missing key field 'flightId'",
                        "line 11: late: event time 1714560000000 (2024-05-01T10:40:00Z) is not"
                                + " after the watermark 1714562969999 (2024-05-01T11:29:29.999Z)");
    }

    /** Every seed example: its pipeline over its sample events prints its expected alerts. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "flight-delays, flight-events",
        "cart-abandonment, cart-events",
        "supply-chain, supply-events"
    })
    void seedExamplesGiveTheirExpectedAlerts(String pipeline, String events) throws Exception {
        int exit =
                run(
                        "--pipeline", EXAMPLES.resolve(pipeline + ".yaml").toString(),
                        "--events", EXAMPLES.resolve(events + ".jsonl").toString());
        assertThat(exit).isZero();
        assertThat(stdout())
                .isNotEmpty()
                .isEqualTo(Files.readString(EXAMPLES.resolve(pipeline + ".expected.jsonl")));
    }

    @Test
    void theSameInputGivesTheSameBytes() throws Exception {
        String[] args = {
            "--pipeline", EXAMPLES.resolve("flight-delays.yaml").toString(),
            "--events", EXAMPLES.resolve("flight-events.jsonl").toString()
        };
        run(args);
        String first = stdout();
        out.reset();
        run(args);
        assertThat(stdout()).isEqualTo(first).isNotEmpty();
    }

    @Test
    void recordTimePipelinesUseLineOrderAsTime(@TempDir Path dir) throws Exception {
        Path pipeline = dir.resolve("p.yaml");
        Files.writeString(
                pipeline,
                """
                apiVersion: eventpipeline.io/v1alpha1
                kind: EventPipeline
                metadata: {name: by-line}
                spec:
                  input: {topic: in, key: id}
                  output: {topic: out}
                  patterns:
                    - name: ab
                      steps:
                        - {name: a, where: "event.t == 'a'"}
                        - {name: b, after: next, where: "event.t == 'b'"}
                """);
        Path events = dir.resolve("e.jsonl");
        Files.writeString(
                events,
                "{\"id\":1,\"t\":\"a\"}\n\n{\"id\":1,\"t\":\"b\"}\n{\"id\":2,\"t\":\"b\"}\n");
        assertThat(run("--pipeline", pipeline.toString(), "--events", events.toString())).isZero();
        // The blank line 2 is skipped; a (line 1) and b (line 3) are next to each other for key 1.
        assertThat(stdout().lines())
                .singleElement()
                .asString()
                .contains("\"key\":\"1\"", "\"start\":1,", "\"end\":3,");
        assertThat(reports()).isEmpty();
    }

    /**
     * {@link HostileRecords}, as lines of a CRLF file: each is reported with its reason, and the
     * events after them match on time under their own keys.
     */
    @Test
    void hostileLinesAreReportedAndTheRunGoesOn(@TempDir Path dir) throws Exception {
        Path pipeline = dir.resolve("p.yaml");
        Files.writeString(
                pipeline,
                """
                apiVersion: eventpipeline.io/v1alpha1
                kind: EventPipeline
                metadata: {name: hostile}
                spec:
                  input: {topic: in, key: id, timestamp: {field: ts}}
                  output: {topic: out}
                  patterns:
                    - name: delay-then-gate
                      within: 1h
                      steps:
                        - {name: delay, where: "event.type == 'DELAY'"}
                        - {name: gate, where: "event.type == 'GATE'"}
                """);
        String key1 = HostileRecords.BIG_KEY_1;
        String key2 = HostileRecords.BIG_KEY_2;
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (byte[] line : HostileRecords.all()) {
            file.writeBytes(line);
            file.writeBytes(HostileRecords.utf8("\r\n"));
        }
        Path events = dir.resolve("e.jsonl");
        Files.write(events, file.toByteArray());

        assertThat(run("--pipeline", pipeline.toString(), "--events", events.toString())).isZero();

        assertThat(stdout().lines())
                .satisfiesExactly(
                        m -> assertThat(m).contains("\"key\":\"" + key1 + "\"", "\"end\":4000"),
                        m -> assertThat(m).contains("\"key\":\"" + key2 + "\"", "\"end\":5000"));
        assertThat(reports().lines())
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("line 3: event time out of range: 3250368"),
                        r -> assertThat(r).startsWith("line 4: event time out of range: "),
                        r -> assertThat(r).startsWith("line 5: event time out of range: "),
                        r -> assertThat(r).startsWith("line 6: event time out of range: "),
                        r -> assertThat(r).startsWith("line 7: not UTF-8: byte 0xC3 at offset"),
                        r ->
                                assertThat(r)
                                        .isEqualTo(
                                                "line 8: "
                                                        + EventSizeLimit.rejection(
                                                                HostileRecords.LARGE_SIZE)),
                        r -> assertThat(r).startsWith("line 9: not JSON: Illegal unquoted"));
    }

    @Test
    void anInvalidPipelineExitsTwoWithEveryProblem(@TempDir Path dir) throws Exception {
        Path pipeline = dir.resolve("bad.yaml");
        Files.writeString(
                pipeline,
                """
                apiVersion: eventpipeline.io/v1alpha1
                kind: EventPipeline
                metadata: {name: bad}
                spec:
                  input: {topic: in, key: id}
                  output: {topic: out}
                  patterns:
                    - name: p
                      steps:
                        - {name: a, where: "event.x =="}
                        - {name: n, after: notFollowedBy, where: "true"}
                """);
        Path events = dir.resolve("e.jsonl");
        Files.writeString(events, "{}\n");
        assertThat(run("--pipeline", pipeline.toString(), "--events", events.toString()))
                .isEqualTo(2);
        assertThat(stdout()).isEmpty();
        assertThat(stderr())
                .contains("spec.patterns[0].steps[0].where: ")
                .contains("spec.patterns[0].within: is required when the last step is");
    }

    /** The pipeline file is read by the same strict reader as {@code render}'s. */
    @Test
    void aPipelineFileThatIsNotUtf8OrUsesAliasesIsRefusedNamingWhy(@TempDir Path dir)
            throws Exception {
        String example = Files.readString(EXAMPLES.resolve("flight-delays.yaml"));
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(
                latin1,
                example.replace("flight-alerts", "caf\u00e9")
                        .getBytes(StandardCharsets.ISO_8859_1));
        Path events = dir.resolve("e.jsonl");
        Files.writeString(events, "{}\n");
        // Not UTF-8: unreadable, as for render (64); aliases: an invalid pipeline (2).
        assertThat(run("--pipeline", latin1.toString(), "--events", events.toString()))
                .isEqualTo(TestCommand.USAGE_ERROR);
        assertThat(stderr())
                .startsWith("test: cannot read " + latin1 + " is not UTF-8 text: byte 0xE9");
        err.reset();
        Path aliased = dir.resolve("aliased.yaml");
        Files.writeString(aliased, example.replace("topic: flight-alerts", "topic: *alerts"));
        assertThat(run("--pipeline", aliased.toString(), "--events", events.toString()))
                .isEqualTo(2);
        assertThat(stdout()).isEmpty();
        assertThat(stderr())
                .contains("(document): line ")
                .contains("alias '*alerts': anchors and aliases are not supported");
    }

    @Test
    void badUsageAndMissingFilesAreUsageErrorsInOneLine() {
        assertThat(run("--pipeline", "x.yaml")).isEqualTo(TestCommand.USAGE_ERROR);
        assertThat(stderr()).startsWith("test: --events FILE is required\nusage: test --pipeline");
        err.reset();
        assertThat(run("--pipeline", "p.yaml", "--events", "e.jsonl", "--verbose"))
                .isEqualTo(TestCommand.USAGE_ERROR);
        assertThat(stderr()).startsWith("test: unknown option '--verbose'\n");
        err.reset();
        assertThat(run("--pipeline", "no-such.yaml", "--events", "no-such.jsonl"))
                .isEqualTo(TestCommand.USAGE_ERROR);
        assertThat(stderr()).isEqualTo("test: cannot read no-such.yaml: no such file\n");
        err.reset();
        assertThat(run("--help")).isZero();
        assertThat(stdout()).startsWith("usage: test --pipeline FILE --events FILE");
    }

    @Test
    void aLastLineSumsTheRunUpAndWarnsOfAPatternThatMatchedNothing() throws Exception {
        int exit =
                run(
                        "--pipeline=" + EXAMPLES.resolve("flight-delays.yaml"),
                        "--events=" + EXAMPLES.resolve("flight-events.jsonl"));
        assertThat(exit).isZero();
        assertThat(stderr().lines().filter(line -> line.startsWith("test: ")))
                .containsExactly(
                        "test: 2 matches (delay-then-gate-change 2); 3 lines refused (key 1, late"
                                + " 1, not-json 1)");

        err.reset();
        out.reset();
        Path typo = Files.createTempFile("typo", ".yaml");
        try {
            Files.writeString(
                    typo,
                    Files.readString(EXAMPLES.resolve("flight-delays.yaml"))
                            .replace("event.minutes >= 30", "event.minuets >= 30"));
            assertThat(
                            run(
                                    "--pipeline",
                                    typo.toString(),
                                    "--events",
                                    EXAMPLES.resolve("flight-events.jsonl").toString()))
                    .isZero();
        } finally {
            Files.delete(typo);
        }
        assertThat(stdout()).isEmpty();
        assertThat(stderr().lines().filter(line -> line.startsWith("test: ")))
                .containsExactly(
                        "test: 0 matches (delay-then-gate-change 0); 3 lines refused (key 1, late"
                                + " 1, not-json 1)",
                        "test: warning: pattern delay-then-gate-change matched nothing; check the"
                                + " field names its conditions read (a missing field makes a"
                                + " condition false)");
    }

    @Test
    void eventsComeFromStandardInputWithADash() throws Exception {
        byte[] events = Files.readAllBytes(EXAMPLES.resolve("flight-events.jsonl"));
        int exit =
                new TestCommand(
                                new java.io.ByteArrayInputStream(events),
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8))
                        .run(
                                List.of(
                                        "--pipeline",
                                        EXAMPLES.resolve("flight-delays.yaml").toString(),
                                        "--events",
                                        "-"));
        assertThat(exit).isZero();
        assertThat(stdout())
                .isEqualTo(Files.readString(EXAMPLES.resolve("flight-delays.expected.jsonl")));
    }
}
