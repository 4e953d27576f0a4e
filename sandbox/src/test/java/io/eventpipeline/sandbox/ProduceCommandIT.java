package io.eventpipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.testsupport.kafka.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sandbox produce}: finds the running sandbox's broker and writes one record a line. */
class ProduceCommandIT {
    @TempDir Path workDir;

    @Test
    void writesEachLineToTheRunningSandboxsBrokerKeyedByTheField() throws Exception {
        String bootstrap = SharedKafka.broker().bootstrapServers();
        SharedKafka.topics().createWithPartitions(1, "produced-events");
        new SandboxState(bootstrap, "http://kube", "http://flink", "http://metrics").write(workDir);
        Path events = workDir.resolve("events.jsonl");
        Files.writeString(
                events,
                "{\"flightId\":\"AA1\",\"type\":\"DELAY\"}\n\n{\"flightId\":\"BB2\"}\nnot json\n");

        int sent =
                ProduceCommand.run(
                        List.of(
                                "produced-events",
                                events.toString(),
                                "--key",
                                "flightId",
                                "--work-dir",
                                workDir.toString()));

        assertThat(sent).isEqualTo(3);
        List<ConsumerRecord<byte[], byte[]>> records =
                SharedKafka.topics().read("produced-events", 3, Duration.ofSeconds(20));
        assertThat(records)
                .extracting(
                        r -> r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("AA1", "BB2", null);
        assertThat(records)
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly(
                        "{\"flightId\":\"AA1\",\"type\":\"DELAY\"}",
                        "{\"flightId\":\"BB2\"}",
                        "not json");
    }

    @Test
    void withoutARunningSandboxItSaysSo() {
        assertThatThrownBy(() -> ProduceCommand.run(List.of("t", "--work-dir", workDir.toString())))
                .hasMessageContaining("no running sandbox")
                .hasMessageContaining(SandboxState.FILE);
    }
}
