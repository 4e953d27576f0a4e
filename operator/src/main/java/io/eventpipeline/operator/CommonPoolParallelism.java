package io.eventpipeline.operator;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

/**
 * Keeps CompletableFuture's default executor a pool on small machines. The JDK's HTTP client, which
 * fabric8 gives an executor of its own, hands every response on to that default executor; with
 * fewer than three processors the common pool has a single thread, and CompletableFuture then
 * starts a new thread for every task. The operator on 2 cores started about 7,000 threads (one per
 * API response) while 1000 pipelines became Ready. Two threads in the common pool make it a pool
 * again. Only takes effect before CompletableFuture is first used, so it is the first thing the
 * operator does; a parallelism the deployment set is kept.
 */
public final class CommonPoolParallelism {
    public static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

    /** CompletableFuture uses the common pool only from this parallelism on. */
    static final int MINIMUM = 2;

    private CommonPoolParallelism() {}

    /** Raises the common pool's parallelism if needed; true if the default executor is a pool. */
    public static boolean ensure() {
        raised(System.getProperty(PROPERTY), Runtime.getRuntime().availableProcessors())
                .ifPresent(value -> System.setProperty(PROPERTY, value));
        return defaultExecutorIsPool();
    }

    /**
     * The parallelism to set, if any: none when the deployment set one, or when the JDK's default
     * (one less than the processors) is already enough.
     */
    static Optional<String> raised(String configured, int processors) {
        if (configured != null || processors - 1 >= MINIMUM) {
            return Optional.empty();
        }
        return Optional.of(String.valueOf(MINIMUM));
    }

    /** False if CompletableFuture was initialized before {@link #ensure} with a one-thread pool. */
    public static boolean defaultExecutorIsPool() {
        return new CompletableFuture<Void>().defaultExecutor() instanceof ForkJoinPool;
    }
}
