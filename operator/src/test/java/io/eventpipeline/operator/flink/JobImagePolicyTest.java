package io.eventpipeline.operator.flink;

import static io.eventpipeline.operator.flink.FlinkSettingsRulesTest.BOTH_DIRS;
import static io.eventpipeline.operator.flink.FlinkSettingsRulesTest.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.operator.config.JobDefaults;
import io.eventpipeline.operator.config.OperatorConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobImagePolicyTest {
    static final String DIGEST =
            "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private final JobImagePolicy defaults =
            new JobImagePolicy(JobDefaults.DEFAULT_IMAGE, List.of());

    @Test
    void anyTagOrDigestOfTheJobImagesRepositoryIsAllowed() {
        assertThat(defaults.allowed()).containsExactly("ghcr.io/eventpipeline/pipeline-job");
        assertThat(defaults.permitted("ghcr.io/eventpipeline/pipeline-job:0.2.0")).isTrue();
        assertThat(defaults.permitted("ghcr.io/eventpipeline/pipeline-job" + DIGEST)).isTrue();
        assertThat(defaults.permitted("ghcr.io/eventpipeline/pipeline-job:0.2.0" + DIGEST))
                .isTrue();
    }

    @Test
    void aLookalikeOrAnotherRepositoryIsNot() {
        for (String image :
                List.of(
                        "ghcr.io/eventpipeline/pipeline-job-evil:1",
                        "ghcr.io/eventpipeline/pipeline-job/../miner:1",
                        "ghcr.io/eventpipeline/pipeline-job:1 --privileged",
                        "docker.io/library/flink:1.20",
                        "ghcr.io/eventpipeline/pipeline-job.evil.io/x:1")) {
            assertThat(defaults.permitted(image)).as(image).isFalse();
        }
    }

    @Test
    void thePlatformTeamAddsRepositoriesAndPathPrefixes() {
        JobImagePolicy widened =
                new JobImagePolicy(
                        JobDefaults.DEFAULT_IMAGE,
                        List.of("registry.example.com:5000/team-a/", "registry.example.com/job"));
        assertThat(widened.permitted("registry.example.com:5000/team-a/job:3")).isTrue();
        assertThat(widened.permitted("registry.example.com:5000/team-a/sub/job" + DIGEST)).isTrue();
        assertThat(widened.permitted("registry.example.com:5000/team-b/job:3")).isFalse();
        assertThat(widened.permitted("registry.example.com/job:1")).isTrue();
        assertThat(widened.permitted("registry.example.com/job2:1")).isFalse();
        assertThatThrownBy(
                        () ->
                                OperatorConfig.fromEnvironment(
                                        Map.of(
                                                "EP_ALLOWED_JOB_IMAGES",
                                                "registry.example.com/job:1")))
                .hasMessage(
                        "EP_ALLOWED_JOB_IMAGES: 'registry.example.com/job:1' is not an image"
                                + " repository (registry.example.com/team/job) or a path prefix"
                                + " ending in / (registry.example.com/team/), without tag or"
                                + " digest");
    }

    @Test
    void aPipelineNamingAnotherImageIsToldWhoCanAllowIt() throws Exception {
        assertThat(
                        FlinkSettingsRulesTest.problems(
                                BOTH_DIRS,
                                pipeline(
                                        "at-least-once",
                                        "  flink: {image: docker.io/x/miner:1}\n")))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.path()).isEqualTo("spec.flink.image");
                            assertThat(p.message())
                                    .isEqualTo(
                                            "'docker.io/x/miner:1' is not from a repository the"
                                                    + " platform team allows"
                                                    + " (ghcr.io/eventpipeline/pipeline-job): the"
                                                    + " image runs with the Flink pods' service"
                                                    + " account and storage credentials. Use a tag"
                                                    + " of an allowed repository, or ask the"
                                                    + " platform team to add yours to the chart"
                                                    + " value job.allowedImages");
                        });
        assertThat(
                        FlinkSettingsRulesTest.problems(
                                BOTH_DIRS,
                                pipeline(
                                        "at-least-once",
                                        "  flink: {image:"
                                                + " ghcr.io/eventpipeline/pipeline-job:0.2.0}\n")))
                .isEmpty();
    }
}
