package io.eventpipeline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommonPoolParallelismTest {
    @Test
    void raisesTheCommonPoolToTwoThreadsOnOneOrTwoProcessors() {
        assertThat(CommonPoolParallelism.raised(null, 1)).contains("2");
        assertThat(CommonPoolParallelism.raised(null, 2)).contains("2");
    }

    @Test
    void leavesTheJdkDefaultWhereItIsAlreadyAPool() {
        assertThat(CommonPoolParallelism.raised(null, 3)).isEmpty();
        assertThat(CommonPoolParallelism.raised(null, 16)).isEmpty();
    }

    @Test
    void keepsWhatTheDeploymentSet() {
        assertThat(CommonPoolParallelism.raised("1", 2)).isEmpty();
        assertThat(CommonPoolParallelism.raised("8", 1)).isEmpty();
    }
}
