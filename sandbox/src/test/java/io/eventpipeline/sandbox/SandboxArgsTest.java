package io.eventpipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxArgsTest {
    @Test
    void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() {
        SandboxArgs args =
                SandboxArgs.parse(
                        List.of("--rate=2.5", "--kube-port", "0", "--metrics-port=9000", "x.yaml"));

        assertThat(args.rate()).isEqualTo(2.5);
        assertThat(args.kubePort()).isZero();
        assertThat(args.metricsPort()).isEqualTo(9000);
        assertThat(args.examples()).isEqualTo(Path.of("x.yaml"));
        assertThat(args.help()).isFalse();
    }

    @Test
    void helpIsARequestNotAnError() {
        assertThat(SandboxArgs.parse(List.of("-h")).help()).isTrue();
        assertThat(SandboxArgs.parse(List.of("--no-events", "--help")).help()).isTrue();
    }

    @Test
    void aBadValueIsNamedWithItsOption() {
        assertThatThrownBy(() -> SandboxArgs.parse(List.of("--rate", "fast")))
                .hasMessage("--rate: 'fast' is not a number");
        assertThatThrownBy(() -> SandboxArgs.parse(List.of("--kafka-port=70000")))
                .hasMessage("--kafka-port: '70000' is not a port (0 to 65535; 0 picks a free one)");
        assertThatThrownBy(() -> SandboxArgs.parse(List.of("--rate", "-1")))
                .hasMessage("--rate must be positive");
        assertThatThrownBy(() -> SandboxArgs.parse(List.of("--work-dir")))
                .hasMessage("--work-dir needs a value");
        assertThatThrownBy(() -> SandboxArgs.parse(List.of("--colour")))
                .hasMessage("unknown option --colour");
    }

    @Test
    void aMissingPipelineFileIsOneLine() {
        assertThatThrownBy(() -> PipelineExample.loadAll(Path.of("no-such.yaml")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot read no-such.yaml: no such file");
    }
}
