package io.eventpipeline.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;

class ThrowingExitProceduresTest {

    @Test
    void kafkaExitAndHaltThrowInsteadOfEndingTheJvm() {
        ThrowingExitProcedures.install();
        ThrowingExitProcedures.install();

        assertThatThrownBy(() -> Exit.exit(3, "fatal"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("status 3")
                .hasMessageContaining("fatal");
        assertThatThrownBy(() -> Exit.halt(4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("halt");
    }
}
