package io.eventpipeline.operator.topics;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Coalesces concurrent requests for keys into batches: the first caller waits a short linger for
 * others to join its batch, then sends it, and keeps sending the batches that gathered while it
 * sent, so N pipelines reconciling at once cost a handful of Kafka requests instead of N. Each
 * batch is work for the broker (a topic creation batch is a metadata change it applies on one
 * thread), so fewer, larger batches cost it less; the linger is short next to everything else a
 * pipeline waits for.
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
    private final Duration linger;
    private final Object lock = new Object();
    private Batch<K, V> next;
    private boolean sending;

    /**
     * @param send sends one batch; it throws when the whole batch failed (e.g. Kafka unreachable)
     * @param linger how long the first caller of a batch waits for others before sending it
     */
    RequestBatcher(Function<Set<K>, Map<K, Outcome<V>>> send, Duration linger) {
        this.send = send;
        this.linger = linger;
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
            lingerForOthers();
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

    private void lingerForOthers() {
        if (linger.isZero()) {
            return;
        }
        try {
            Thread.sleep(linger.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // send now; the caller sees the flag
        }
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
