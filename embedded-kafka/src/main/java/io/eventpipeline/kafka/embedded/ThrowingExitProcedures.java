package io.eventpipeline.kafka.embedded;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.utils.Exit;

/**
 * Makes Kafka's {@code Exit.exit}/{@code Exit.halt} throw instead of ending the JVM.
 *
 * <p>The broker exits the process on fatal errors (e.g. a failed metadata load). In-process that
 * would kill the test JVM (a surefire fork) or the sandbox without a trace; an exception in the
 * failing Kafka thread is reported and lets the host decide.
 */
final class ThrowingExitProcedures {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private ThrowingExitProcedures() {}

    /** Installs the procedures once per JVM; later calls do nothing. */
    static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            Exit.setExitProcedure(
                    (status, message) -> {
                        throw new IllegalStateException(
                                "Embedded Kafka tried to exit the JVM with status "
                                        + status
                                        + ": "
                                        + message);
                    });
            Exit.setHaltProcedure(
                    (status, message) -> {
                        throw new IllegalStateException(
                                "Embedded Kafka tried to halt the JVM with status "
                                        + status
                                        + ": "
                                        + message);
                    });
        }
    }
}
