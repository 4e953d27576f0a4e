package io.eventpipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Numbered unparseable records, produced in the background; the job must dead-letter each exactly
 * once, whatever happens to it meanwhile (upgrade, suspend, resume): none lost, none read twice.
 */
final class DeadLetterProbes {
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    DeadLetterProbes(KafkaProducer<String, String> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    void start() {
        running.set(true);
        thread =
                new Thread(
                        () -> {
                            while (running.get()) {
                                producer.send(
                                        new ProducerRecord<>(
                                                topic, null, "probe " + sent.incrementAndGet()));
                                sleep(20);
                            }
                            producer.flush();
                        });
        thread.start();
    }

    void stop() throws InterruptedException {
        running.set(false);
        thread.join();
    }

    boolean allArrived(List<String> deadLetters) {
        return probesIn(deadLetters).size() >= sent.get();
    }

    void assertEachDeadLetteredOnce(List<String> deadLetters) {
        List<String> probes = probesIn(deadLetters);
        Set<String> expected = new TreeSet<>();
        IntStream.rangeClosed(1, sent.get()).forEach(i -> expected.add("probe " + i));
        assertThat(sent.get()).isPositive();
        assertThat(probes)
                .as("every probe dead-lettered exactly once")
                .hasSize(sent.get())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private List<String> probesIn(List<String> deadLetters) {
        return deadLetters.stream().filter(v -> v.startsWith("probe ")).toList();
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }
}
