package io.eventpipeline.operator.flink;

import io.eventpipeline.operator.api.PatternUpgrade;
import io.eventpipeline.operator.api.UpgradeSummary;
import io.eventpipeline.spec.PipelineJobArgs;
import io.eventpipeline.spec.resolved.MatcherRules;
import io.eventpipeline.spec.state.JobState;
import io.eventpipeline.spec.state.PatternVerdict;
import io.eventpipeline.spec.state.UpgradePlan;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.spec.JobSpec;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;

/**
 * What replacing a running job's FlinkDeployment with another does to the job's state. Read off the
 * two objects alone: the pipeline each job runs (its arguments), the matcher rules its job chooses
 * engines by (its {@link MatcherRules#LABEL} label) and the upgrade modes, so it holds for whatever
 * rendered the running one, an earlier operator version included.
 */
public final class UpgradeReview {
    private UpgradeReview() {}

    /**
     * The plan of upgrading {@code running} to {@code next}; empty when no job is upgraded: there
     * is no running deployment, or nothing changes but suspend/resume (which keeps all state).
     *
     * @throws InvalidPipelineException when a job's arguments do not hold a valid pipeline
     */
    public static Optional<UpgradePlan> of(FlinkDeployment running, FlinkDeployment next)
            throws InvalidPipelineException {
        if (running == null || running.getSpec() == null || running.getSpec().getJob() == null) {
            return Optional.empty();
        }
        if (Objects.equals(withoutJobState(running.getSpec()), withoutJobState(next.getSpec()))) {
            return Optional.empty();
        }
        List<String> before = Arrays.asList(running.getSpec().getJob().getArgs());
        List<String> after = Arrays.asList(next.getSpec().getJob().getArgs());
        JobState old =
                PipelineJobArgs.isEarlierFormat(before)
                        ? JobState.ofEarlierJob(PipelineJobArgs.decode(before))
                        : JobState.of(PipelineJobArgs.decode(before), matcherRules(running));
        boolean stateless = stateless(running) || stateless(next);
        return Optional.of(
                UpgradePlan.of(
                        old,
                        JobState.of(PipelineJobArgs.decode(after), matcherRules(next)),
                        stateless));
    }

    /**
     * The rules by which the deployment's job chooses each pattern's engine, from its label: a
     * deployment without one was rendered before trailing absences ran on the sequence matcher; one
     * a later operator labelled with rules unknown here is read with this version's.
     */
    static MatcherRules matcherRules(FlinkDeployment deployment) {
        Map<String, String> labels =
                deployment.getMetadata() == null ? null : deployment.getMetadata().getLabels();
        String label = labels == null ? null : labels.get(MatcherRules.LABEL);
        return MatcherRules.ofLabel(label).orElse(MatcherRules.CURRENT);
    }

    /**
     * Why upgrading {@code running} to {@code next} restarts the job: the pipeline's spec changed,
     * its Kafka credentials did ({@code credentials}: the ones {@code next} carries), or both.
     * Names the Secrets, never their content.
     */
    public static String reason(
            FlinkDeployment running, FlinkDeployment next, Optional<KafkaCredentials> credentials) {
        List<String> reasons = new ArrayList<>();
        if (!Objects.equals(
                withoutJobState(withoutCredentials(running.getSpec())),
                withoutJobState(withoutCredentials(next.getSpec())))) {
            reasons.add("spec changed");
        }
        if (!Objects.equals(credentialsOf(running.getSpec()), credentialsOf(next.getSpec()))) {
            reasons.add(
                    "Kafka credentials changed ("
                            + credentials.map(KafkaCredentials::toString).orElse("none now")
                            + ")");
        }
        return String.join("; ", reasons);
    }

    /** The credentials fingerprint on the spec's pod template, if any. */
    public static String credentialsOf(FlinkDeploymentSpec spec) {
        if (spec == null
                || spec.getPodTemplate() == null
                || spec.getPodTemplate().getMetadata() == null
                || spec.getPodTemplate().getMetadata().getAnnotations() == null) {
            return null;
        }
        return spec.getPodTemplate()
                .getMetadata()
                .getAnnotations()
                .get(KafkaCredentials.ANNOTATION);
    }

    /**
     * A copy of the spec without the credentials fingerprint: what a render without a cluster,
     * which cannot know the credentials, compares with.
     */
    public static FlinkDeploymentSpec withoutCredentials(FlinkDeploymentSpec spec) {
        if (spec == null) {
            return null;
        }
        FlinkDeploymentSpec copy = Serialization.clone(spec);
        if (credentialsOf(copy) != null) {
            ObjectMeta meta = copy.getPodTemplate().getMetadata();
            Map<String, String> annotations = new TreeMap<>(meta.getAnnotations());
            annotations.remove(KafkaCredentials.ANNOTATION);
            meta.setAnnotations(annotations.isEmpty() ? null : annotations);
            if (Serialization.jsonMapper().valueToTree(meta).isEmpty()) {
                copy.getPodTemplate().setMetadata(null);
            }
        }
        return copy;
    }

    /** The plan as the pipeline's status records it. */
    public static UpgradeSummary summary(UpgradePlan plan, Long generation) {
        return summary(plan, generation, null);
    }

    /** As above, with why the job restarted. */
    public static UpgradeSummary summary(UpgradePlan plan, Long generation, String reason) {
        UpgradeSummary summary = new UpgradeSummary();
        summary.setGeneration(generation);
        summary.setReason(reason);
        summary.setPatterns(
                plan.patterns().stream()
                        .map(p -> new PatternUpgrade(p.pattern(), state(p), p.reason()))
                        .toList());
        summary.setInputOffsets(plan.source().offsetsKept() ? "Kept" : "Restart");
        summary.setInputReason(plan.source().reason());
        return summary;
    }

    private static String state(PatternVerdict verdict) {
        return switch (verdict.outcome()) {
            case KEPT -> "Kept";
            case STARTS_FRESH -> "StartsFresh";
            case NEW -> "New";
            case REMOVED -> "Removed";
        };
    }

    private static boolean stateless(FlinkDeployment deployment) {
        return deployment.getSpec().getJob().getUpgradeMode() == UpgradeMode.STATELESS;
    }

    private static Object withoutJobState(FlinkDeploymentSpec spec) {
        FlinkDeploymentSpec copy = Serialization.clone(spec);
        JobSpec job = copy.getJob();
        if (job != null) {
            job.setState(null);
        }
        return Serialization.jsonMapper().valueToTree(copy);
    }
}
