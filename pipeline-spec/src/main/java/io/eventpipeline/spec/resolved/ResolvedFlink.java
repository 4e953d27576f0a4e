package io.eventpipeline.spec.resolved;

import io.eventpipeline.spec.Durations;
import io.eventpipeline.spec.SpecDefaults;
import io.eventpipeline.spec.model.FlinkSpec;
import io.eventpipeline.spec.model.UpgradeMode;
import java.time.Duration;
import java.util.Optional;

/**
 * What the spec itself decides about the job's Flink settings. Image, parallelism, resources and
 * configuration default to the operator's settings, so the operator's renderer reads those.
 *
 * @param upgradeMode how the job is upgraded and suspended
 * @param checkpointInterval the checkpoint interval; empty: the job's default
 * @param autoscaler the Flink operator's autoscaler, when the pipeline asks for it
 */
public record ResolvedFlink(
        UpgradeMode upgradeMode,
        Optional<Duration> checkpointInterval,
        Optional<ResolvedAutoscaler> autoscaler) {

    static ResolvedFlink of(FlinkSpec flink) {
        if (flink == null) {
            return new ResolvedFlink(SpecDefaults.UPGRADE_MODE, Optional.empty(), Optional.empty());
        }
        return new ResolvedFlink(
                flink.getUpgradeMode() == null ? SpecDefaults.UPGRADE_MODE : flink.getUpgradeMode(),
                Optional.ofNullable(flink.getCheckpointInterval()).map(Durations::parse),
                ResolvedAutoscaler.of(flink.getAutoscaler()));
    }
}
