package io.eventpipeline.operator.reconciler;

import io.eventpipeline.spec.state.UpgradePlan;

/**
 * A write of the FlinkDeployment that restarts the running job.
 *
 * @param plan what the restart does to the job's state
 * @param reason why it restarts: the spec changed, the Kafka credentials changed, or both
 */
public record JobUpgrade(UpgradePlan plan, String reason) {
    /** For the {@code Upgrading} Event: the reason, then one line per pattern and the source. */
    public String message() {
        return reason + ": " + String.join("; ", plan.lines());
    }
}
