package io.eventpipeline.operator.reconciler;

import io.eventpipeline.spec.validation.ValidationProblem;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

/**
 * Bounds the size of the FlinkDeployment a pipeline renders to. etcd stores an object of at most
 * 1.5 MiB by default, and the Flink Kubernetes Operator copies the deployment's spec into its
 * status twice (last reconciled and last stable spec), so the rendered object must stay far below
 * that: a pipeline too big for it is refused before anything is created, with its size.
 */
final class RenderedSize {
    /** A third of etcd's default object limit, less room for metadata and the rest of status. */
    static final int MAX_BYTES = 256 * 1024;

    private RenderedSize() {}

    /** The problem with a rendered deployment's size, if it has one. */
    static Optional<ValidationProblem> check(FlinkDeployment rendered) {
        int bytes = Serialization.asJson(rendered).getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= MAX_BYTES) {
            return Optional.empty();
        }
        return Optional.of(
                new ValidationProblem(
                        "spec",
                        "renders a FlinkDeployment of "
                                + bytes
                                + " bytes; at most "
                                + MAX_BYTES
                                + " fit (the Flink operator keeps the spec three times in one"
                                + " object, and etcd stores at most 1.5 MiB): shorten the"
                                + " conditions and emit expressions, or split the patterns"
                                + " across pipelines"));
    }
}
