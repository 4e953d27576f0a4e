package io.eventpipeline.operator.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventpipeline.spec.StrictYaml;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

/**
 * The running side of {@code render --against}: a live FlinkDeployment as it is, or an earlier
 * EventPipeline rendered as the operator would render it now.
 */
final class EarlierVersion {
    /** Renders an EventPipeline document. */
    interface Renderer {
        FlinkDeployment render(String eventPipeline) throws InvalidPipelineException;
    }

    private EarlierVersion() {}

    static FlinkDeployment deployment(String document, Renderer renderer)
            throws EarlierVersionException {
        JsonNode root;
        try {
            root = StrictYaml.readTree(document);
        } catch (StrictYaml.Refused e) {
            throw new EarlierVersionException(
                    "is not YAML this command reads: " + e.getMessage(), null);
        }
        if (root != null && "FlinkDeployment".equals(root.path("kind").asText())) {
            FlinkDeployment live = Serialization.unmarshal(document, FlinkDeployment.class);
            if (live.getSpec() == null || live.getSpec().getJob() == null) {
                throw new EarlierVersionException("is a FlinkDeployment without a job", null);
            }
            return live;
        }
        try {
            return renderer.render(document);
        } catch (InvalidPipelineException e) {
            throw new EarlierVersionException("is not a valid EventPipeline", e);
        }
    }
}
