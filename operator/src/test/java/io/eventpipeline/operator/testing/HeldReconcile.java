package io.eventpipeline.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Holds one reconcile just before it starts, on its executor thread, until released, so that a test
 * can change the world around a reconcile in flight (stop the operator under it). Hooked in as
 * JOSDK's metrics, which JOSDK tells as each reconcile starts. Only the first reconcile of a
 * resource that matches after {@link #arm()} is held; all others pass.
 */
public final class HeldReconcile implements Metrics {
    private final Predicate<HasMetadata> which;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private boolean armed;

    public HeldReconcile(Predicate<HasMetadata> which) {
        this.which = which;
    }

    /** From now on, the next reconcile of a resource that matches is held. */
    public synchronized void arm() {
        armed = true;
    }

    @Override
    public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
        synchronized (this) {
            if (!armed || !which.test(resource)) {
                return;
            }
            armed = false;
        }
        held.countDown();
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until a reconcile is held. */
    public void awaitHeld(Duration timeout) throws InterruptedException {
        if (!held.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no matching reconcile started");
        }
    }

    /** Lets the held reconcile go on. */
    public void release() {
        released.countDown();
    }
}
