package io.eventpipeline.operator.testing;

import io.eventpipeline.operator.topics.TopicCreationSteps;
import io.eventpipeline.operator.topics.TopicPlan;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops the operator at one step of creating one pipeline's topics, as a kill -9 would: the
 * reconcile that reaches the step never goes on. Its thread waits there until the operator is
 * stopped, then gives up with an exception that writes nothing.
 */
public final class CrashAt implements TopicCreationSteps {
    private final Step step;
    private final String topic;
    private final CountDownLatch reached = new CountDownLatch(1);

    /**
     * @param topic a topic of the pipeline to crash on (other pipelines are left alone)
     */
    public CrashAt(Step step, String topic) {
        this.step = step;
        this.topic = topic;
    }

    @Override
    public void reached(Step at, TopicPlan plan) {
        if (at != step || !plan.names().contains(topic)) {
            return;
        }
        reached.countDown();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the operator crashed at " + step);
    }

    /** Waits until the operator is held at the step. */
    public void awaitCrash(Duration timeout) throws InterruptedException {
        if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the operator never reached " + step);
        }
    }
}
