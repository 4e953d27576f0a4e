package io.eventpipeline.operator.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RequestBatcherTest {
    private final List<Set<String>> sent = new CopyOnWriteArrayList<>();

    private Function<Set<String>, Map<String, RequestBatcher.Outcome<Integer>>> recording() {
        return keys -> {
            sent.add(new TreeSet<>(keys));
            return keys.stream()
                    .collect(Collectors.toMap(k -> k, k -> RequestBatcher.Outcome.of(k.length())));
        };
    }

    @Test
    void aCallerArrivingWithinTheLingerJoinsTheFirstCallersBatch() throws Exception {
        RequestBatcher<String, Integer> batcher =
                new RequestBatcher<>(recording(), Duration.ofMillis(500));
        CountDownLatch firstStarted = new CountDownLatch(1);
        CompletableFuture<Map<String, Integer>> first =
                CompletableFuture.supplyAsync(
                        () -> {
                            firstStarted.countDown();
                            return batcher.request(List.of("a"));
                        });
        firstStarted.await();
        Thread.sleep(50); // well inside the linger
        Map<String, Integer> second = batcher.request(List.of("bb"));

        assertThat(first.get(5, TimeUnit.SECONDS)).containsExactlyEntriesOf(Map.of("a", 1));
        assertThat(second).containsExactlyEntriesOf(Map.of("bb", 2));
        assertThat(sent).containsExactly(Set.of("a", "bb"));
    }

    @Test
    void withoutALingerALoneCallerIsSentAtOnce() {
        RequestBatcher<String, Integer> batcher = new RequestBatcher<>(recording(), Duration.ZERO);
        long start = System.nanoTime();

        assertThat(batcher.request(List.of("a"))).containsExactlyEntriesOf(Map.of("a", 1));
        assertThat(batcher.request(List.of("bb"))).containsExactlyEntriesOf(Map.of("bb", 2));
        assertThat(sent).containsExactly(Set.of("a"), Set.of("bb"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aLoneCallerIsSentAfterTheLinger() {
        RequestBatcher<String, Integer> batcher =
                new RequestBatcher<>(recording(), Duration.ofMillis(100));
        long start = System.nanoTime();

        assertThat(batcher.request(List.of("a"))).containsExactlyEntriesOf(Map.of("a", 1));
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(sent).containsExactly(Set.of("a"));
    }
}
