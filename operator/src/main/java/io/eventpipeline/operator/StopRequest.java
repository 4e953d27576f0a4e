package io.eventpipeline.operator;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Why the operator process should stop and with which exit status; the first request wins.
 *
 * <p>SIGTERM (how Kubernetes asks a pod to stop) and SIGINT are handled here rather than by the
 * JVM's default, which would run the stop in a shutdown hook: there, logging is already shutting
 * down in a hook of its own, and the process ends with status 143 or 130 whatever the stop did.
 * Handled as a request, the stop runs on the main thread and the process exits 0. {@code
 * sun.misc.Signal} (module jdk.unsupported) is the JDK's only way to handle a signal.
 */
final class StopRequest {
    /** Exit status when another replica took the lease: the replica restarts as a follower. */
    static final int LEADERSHIP_LOST = 1;

    /** Why the process stops. */
    record Reason(String description, int exitStatus) {}

    private final CompletableFuture<Reason> first = new CompletableFuture<>();

    void request(String description, int exitStatus) {
        first.complete(new Reason(description, exitStatus));
    }

    /** Blocks until a stop is requested. */
    Reason await() {
        return first.join();
    }

    /**
     * SIGTERM and SIGINT request a stop with status 0. A second signal while the stop is under way
     * ends the process at once, so a stop that hangs can still be interrupted from a terminal.
     */
    void onTerminationSignals() {
        AtomicBoolean signalled = new AtomicBoolean();
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(
                    new Signal(name),
                    signal -> {
                        if (signalled.getAndSet(true)) {
                            Runtime.getRuntime().halt(128 + signal.getNumber());
                        }
                        request("SIG" + name, 0);
                    });
        }
    }
}
