package io.eventpipeline.operator.topics;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Coalesces concurrent requests for keys into batches: while one batch is being sent, callers that
 * arrive add their keys to the next one, so N pipelines reconciling at once cost a handful of Kafka
 * requests instead of N. No timer: the first caller sends, and keeps sending the batches that
 * gathered meanwhile; a lone caller is sent at once.
 *
 * @param <K> what is asked about (a topic name, a topic to create)
 * @param <V> the answer for one key
 */
final class RequestBatcher<K, V> {
    /** The answer for one key: a value (possibly null), or the failure of that key alone. */
    record Outcome<V>(V value, RuntimeException failure) {
        static <V> Outcome<V> of(V value) {
            return new Outcome<>(value, null);
        }

        static <V> Outcome<V> failed(RuntimeException failure) {
            return new Outcome<>(null, failure);
        }
    }

    private final Function<Set<K>, Map<K, Outcome<V>>> send;
    private final Object lock = new Object();
    private Batch<K, V> next;
    private boolean sending;

    /**
     * @param send sends one batch; it throws when the whole batch failed (e.g. Kafka unreachable)
     */
    RequestBatcher(Function<Set<K>, Map<K, Outcome<V>>> send) {
        this.send = send;
    }

    /** The answers for these keys; throws the batch's failure or the first failure of a key. */
    Map<K, V> request(Collection<K> keys) {
        Map<K, Outcome<V>> outcomes = requestEach(keys);
        Map<K, V> answers = new HashMap<>();
        for (K key : keys) {
            Outcome<V> outcome = outcomes.get(key);
            if (outcome != null && outcome.failure() != null) {
                throw outcome.failure();
            }
            answers.put(key, outcome == null ? null : outcome.value());
        }
        return answers;
    }

    /**
     * The outcome for each of these keys, failures of single keys included; throws only when the
     * whole batch failed.
     */
    Map<K, Outcome<V>> requestEach(Collection<K> keys) {
        Batch<K, V> mine;
        boolean sender = false;
        synchronized (lock) {
            if (next == null) {
                next = new Batch<>();
            }
            next.keys.addAll(keys);
            mine = next;
            if (!sending) {
                sending = true;
                sender = true;
            }
        }
        if (sender) {
            sendUntilDrained();
        }
        Map<K, Outcome<V>> outcomes;
        try {
            outcomes = mine.result.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
        Map<K, Outcome<V>> mineOnly = new HashMap<>();
        for (K key : keys) {
            mineOnly.put(key, outcomes.getOrDefault(key, Outcome.of(null)));
        }
        return mineOnly;
    }

    private void sendUntilDrained() {
        while (true) {
            Batch<K, V> batch;
            synchronized (lock) {
                batch = next;
                next = null;
                if (batch == null) {
                    sending = false;
                    return;
                }
            }
            try {
                batch.result.complete(send.apply(batch.keys));
            } catch (RuntimeException e) {
                batch.result.completeExceptionally(e);
            }
        }
    }

    private static final class Batch<K, V> {
        final Set<K> keys = new LinkedHashSet<>();
        final CompletableFuture<Map<K, Outcome<V>>> result = new CompletableFuture<>();
    }
}
