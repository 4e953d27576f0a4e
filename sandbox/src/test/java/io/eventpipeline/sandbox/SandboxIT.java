package io.eventpipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.testsupport.kafka.KafkaTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product end to end, through the sandbox's own parts: the flight-delays example applied to the
 * in-process Kubernetes API, run by our operator and the stand-in Flink operator on a MiniCluster
 * against a real broker; its events give exactly the expected alerts; a pattern change upgrades the
 * job from a savepoint; suspend and resume; delete.
 *
 * <p>No input is lost or read twice across the upgrade and the suspension: unparseable "probe"
 * records, produced all along, must each reach the dead-letter topic exactly once.
 */
class SandboxIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "airline";
    private static final String NAME = "flight-delays";

    @TempDir Path workDir;

    private final List<String> notices = Collections.synchronizedList(new ArrayList<>());
    private SandboxStack stack;
    private PipelineClient pipelines;
    private SampleEvents events;
    private KafkaTopics topics;

    @BeforeEach
    void start() throws Exception {
        stack = SandboxStack.start(new SandboxStack.Options(0, 0, workDir, 4), notices::add);
        pipelines = new PipelineClient(stack.kube().client());
        events = new SampleEvents(stack.bootstrapServers());
        topics = KafkaTopics.at(stack.bootstrapServers());
    }

    @AfterEach
    void stop() throws Exception {
        // What the stand-in did, for whoever reads a failure.
        notices.forEach(n -> System.out.println("[flink] " + n));
        topics.close();
        events.close();
        stack.close();
    }

    @Test
    void applyProduceUpgradeSuspendResumeDelete() throws Exception {
        PipelineExample example = PipelineExample.load(Path.of("examples/flight-delays.yaml"));
        EventPipelineSpec spec = example.spec();
        String input = spec.getInput().getTopic();
        String output = spec.getOutput().getTopic();
        String deadLetters = spec.getDeadLetter().getTopic();

        // Apply -> Ready, with the FlinkDeployment's job running and its lifecycle STABLE.
        EventPipeline applied = example.forSandbox();
        pipelines.apply(applied);
        EventPipeline running = pipelines.awaitPhase(NS, NAME, Phase.Running, WAIT);
        // The addresses the sandbox prints at start answer: the operator's metrics (with the
        // reconciliations just made) and Flink's REST API (with the job).
        assertThat(httpGet(stack.metricsUrl())).contains("# TYPE");
        assertThat(httpGet(stack.flink().restUrl() + "/jobs/overview")).contains("RUNNING");
        assertThat(running.getStatus().getConditions())
                .anySatisfy(
                        c -> {
                            assertThat(c.getType()).isEqualTo("Ready");
                            assertThat(c.getStatus()).isEqualTo("True");
                        });
        assertThat(running.getStatus().getJob().getLifecycleState()).isIn("DEPLOYED", "STABLE");
        String firstJob = running.getStatus().getJob().getJobId();

        // The example's events -> exactly the expected alerts.
        List<String> file =
                Files.readAllLines(example.eventsFile().orElseThrow()).stream()
                        .filter(l -> !l.isBlank())
                        .toList();
        SampleEvents.Sent sent = events.send(input, spec, file);
        long clock = sent.latestEventTime().getAsLong() + SampleEvents.settleTime(spec).toMillis();
        events.advanceEventTime(input, spec, clock);
        // Equal but for matchId, which hashes where each event was read (file line vs. offset).
        List<JsonNode> expected =
                withoutMatchIds(Files.readAllLines(example.expectedAlertsFile().orElseThrow()));
        List<String> first = topics.awaitValues(output, v -> v.size() >= expected.size(), WAIT);
        assertThat(withoutMatchIds(first)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(json(first)).extracting(a -> a.path("matchId").asText()).doesNotHaveDuplicates();

        // Probes flow from here on, through the upgrade and the suspension.
        DeadLetterProbes probes = new DeadLetterProbes(events.producer(), input);
        probes.start();

        // A pattern change: only delays of an hour or more count now.
        applied.getSpec()
                .getPatterns()
                .get(0)
                .getSteps()
                .get(0)
                .setWhere("event.type == 'DELAY' && event.minutes >= 60");
        pipelines.apply(applied);
        EventPipeline upgraded = awaitNewJob(firstJob, Phase.Running);
        FlinkDeployment deployment = flinkDeployment();
        assertThat(deployment.getStatus().getJobStatus().getUpgradeSavepointPath())
                .as("upgraded from a savepoint")
                .startsWith("file:");

        long t2 = clock + Duration.ofMinutes(10).toMillis();
        sendFlight("XX500", 45, t2); // the old pattern would match; the new one must not
        sendFlight("YY600", 90, t2);
        clock = t2 + Duration.ofMinutes(10).toMillis() + SampleEvents.settleTime(spec).toMillis();
        events.advanceEventTime(input, spec, clock);
        topics.awaitValues(output, v -> keys(v).contains("YY600"), WAIT);

        // Suspend: the job stops with a savepoint; everything it emitted is flushed.
        probes.stop();
        applied.getSpec().setSuspend(true);
        pipelines.apply(applied);
        EventPipeline suspended = pipelines.awaitPhase(NS, NAME, Phase.Suspended, WAIT);
        assertThat(suspended.getStatus().getJob().getLifecycleState()).isEqualTo("SUSPENDED");
        assertThat(stack.flink().unfinishedJobs()).isZero();
        assertThat(keys(topics.values(output)))
                .as("alerts before and after the change; XX500 only matched the old pattern")
                .containsExactlyInAnyOrder("AA100", "UA400", "YY600");
        probes.assertEachDeadLetteredOnce(topics.values(deadLetters));

        // Events while suspended wait in Kafka; resume continues from the savepoint's offsets.
        probes.start();
        long t3 = clock + Duration.ofMinutes(10).toMillis();
        sendFlight("ZZ700", 120, t3);
        clock = t3 + Duration.ofMinutes(10).toMillis() + SampleEvents.settleTime(spec).toMillis();
        events.advanceEventTime(input, spec, clock);
        applied.getSpec().setSuspend(false);
        pipelines.apply(applied);
        awaitNewJob(upgraded.getStatus().getJob().getJobId(), Phase.Running);
        List<String> alerts = topics.awaitValues(output, v -> keys(v).contains("ZZ700"), WAIT);
        probes.stop();
        assertThat(keys(alerts)).containsExactlyInAnyOrder("AA100", "UA400", "YY600", "ZZ700");
        List<String> dead = topics.awaitValues(deadLetters, v -> probes.allArrived(v), WAIT);
        probes.assertEachDeadLetteredOnce(dead);

        // Delete: the FlinkDeployment and its job go; topics stay (topicDeletionPolicy: Retain).
        pipelines.delete(NS, NAME);
        awaitTrue(() -> pipelines.get(NS, NAME) == null && flinkDeployment() == null);
        awaitTrue(() -> stack.flink().unfinishedJobs() == 0);
        assertThat(topics.names()).contains(input, output, deadLetters);
    }

    /** Waits for the pipeline in this phase with a different job than {@code previousJob}. */
    private EventPipeline awaitNewJob(String previousJob, Phase phase) throws Exception {
        awaitTrue(
                () -> {
                    EventPipeline p = pipelines.get(NS, NAME);
                    return p.getStatus() != null
                            && p.getStatus().getPhase() == phase
                            && p.getStatus().getJob() != null
                            && p.getStatus().getJob().getJobId() != null
                            && !p.getStatus().getJob().getJobId().equals(previousJob);
                });
        return pipelines.awaitPhase(NS, NAME, phase, WAIT);
    }

    private void sendFlight(String flight, int minutes, long at) {
        String delay =
                "{\"flightId\":\"%s\",\"type\":\"DELAY\",\"minutes\":%d,\"gate\":\"G1\",\"eventTime\":\"%s\"}"
                        .formatted(flight, minutes, Instant.ofEpochMilli(at));
        String gate =
                "{\"flightId\":\"%s\",\"type\":\"GATE_CHANGE\",\"gate\":\"G2\",\"eventTime\":\"%s\"}"
                        .formatted(
                                flight,
                                Instant.ofEpochMilli(at + Duration.ofMinutes(10).toMillis()));
        events.send("flight-events", pipelinesSpec(), List.of(delay, gate));
    }

    private EventPipelineSpec pipelinesSpec() {
        return PipelineExample.load(Path.of("examples/flight-delays.yaml")).spec();
    }

    private FlinkDeployment flinkDeployment() {
        return stack.kube()
                .client()
                .resources(FlinkDeployment.class)
                .inNamespace(NS)
                .withName(NAME)
                .get();
    }

    private static List<JsonNode> withoutMatchIds(List<String> alerts) {
        List<JsonNode> trees = json(alerts);
        trees.forEach(t -> ((com.fasterxml.jackson.databind.node.ObjectNode) t).remove("matchId"));
        return trees;
    }

    private static List<String> keys(List<String> alerts) {
        return json(alerts).stream().map(a -> a.path("key").asText()).toList();
    }

    private static List<JsonNode> json(List<String> lines) {
        return lines.stream()
                .map(
                        l -> {
                            try {
                                return JSON.readTree(l);
                            } catch (Exception e) {
                                throw new AssertionError("not JSON: " + l, e);
                            }
                        })
                .toList();
    }

    private static void awaitTrue(Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(200);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private static String httpGet(String url) throws Exception {
        var response =
                java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }
}
