package io.eventpipeline.operator.flink;

import static io.eventpipeline.operator.flink.FlinkDeploymentRendererTest.OWNER;
import static io.eventpipeline.operator.flink.FlinkDeploymentRendererTest.example;
import static io.eventpipeline.operator.flink.FlinkDeploymentRendererTest.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.spec.resolved.MatcherRules;
import io.eventpipeline.spec.state.UpgradePlan;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.Test;

/**
 * The upgrade review reads the running job with the matcher rules its deployment is labelled with:
 * a job rendered before trailing absences ran on the sequence matcher filed such a pattern's state
 * under Flink CEP's uid, which the upgraded job does not restore.
 */
class MatcherRulesReviewTest {
    private static final String ABSENCE =
            """
                - name: unanswered-delay
                  within: 30m
                  steps:
                    - {name: delayed, where: "event.type == 'DELAY'"}
                    - {name: answered, after: notFollowedBy, where: "event.type == 'NOTICE'"}
            """;

    private final FlinkDeploymentRenderer renderer =
            new FlinkDeploymentRenderer(FlinkDeploymentRendererTest.CONFIG.jobDefaults());

    private FlinkDeployment render(String yaml) throws Exception {
        return renderer.render(resolved(yaml), OWNER);
    }

    private static String withAbsence(String yaml) {
        return yaml.replace("  patterns:\n", "  patterns:\n" + ABSENCE);
    }

    @Test
    void theRenderedDeploymentNamesItsMatcherRules() throws Exception {
        assertThat(render(example()).getMetadata().getLabels())
                .containsEntry(MatcherRules.LABEL, MatcherRules.CURRENT.label());
    }

    @Test
    void aJobRenderedBeforeTheLabelRanTrailingAbsencesOnFlinkCep() throws Exception {
        String pipeline = withAbsence(example());
        FlinkDeployment earlier = render(pipeline);
        earlier.getMetadata().getLabels().remove(MatcherRules.LABEL);
        FlinkDeployment next = render(pipeline.replace("parallelism: 2", "parallelism: 3"));

        UpgradePlan plan = UpgradeReview.of(earlier, next).orElseThrow();
        assertThat(plan.lines())
                .contains(
                        "pattern unanswered-delay: starts fresh (it moves from Flink CEP to the"
                                + " sequence matcher)")
                .filteredOn(line -> line.startsWith("pattern ") && !line.contains("unanswered"))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains(": kept"));
    }

    @Test
    void aJobLabelledWithTheCurrentRulesKeepsTheTrailingAbsencesState() throws Exception {
        String pipeline = withAbsence(example());
        FlinkDeployment running = render(pipeline);
        FlinkDeployment next = render(pipeline.replace("parallelism: 2", "parallelism: 3"));

        assertThat(UpgradeReview.of(running, next).orElseThrow().keepsAll()).isTrue();
    }

    @Test
    void rulesALaterOperatorNamedAreReadAsThisVersionsOwn() throws Exception {
        FlinkDeployment later = render(example());
        later.getMetadata().getLabels().put(MatcherRules.LABEL, "99");
        assertThat(UpgradeReview.matcherRules(later)).isEqualTo(MatcherRules.CURRENT);
    }
}
