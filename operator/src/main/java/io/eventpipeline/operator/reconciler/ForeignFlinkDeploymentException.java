package io.eventpipeline.operator.reconciler;

/**
 * A FlinkDeployment of the pipeline's name exists and is not the pipeline's: the operator never
 * takes it over. Someone must act (delete it or rename the pipeline), so the pipeline's status says
 * so, not only the log.
 */
public final class ForeignFlinkDeploymentException extends RuntimeException {
    /** The JobReady reason. */
    public static final String REASON = "FlinkDeploymentConflict";

    ForeignFlinkDeploymentException(String message) {
        super(message);
    }
}
