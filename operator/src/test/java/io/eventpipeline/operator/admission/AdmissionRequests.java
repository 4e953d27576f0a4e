package io.eventpipeline.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.config.OperatorConfig;
import io.eventpipeline.operator.reconciler.PipelineResolver;
import io.eventpipeline.operator.testing.Pipelines;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;

/** AdmissionReview requests as the API server sends them, and the webhook's admission. */
public final class AdmissionRequests {
    public static final ObjectMapper JSON = Serialization.jsonMapper();

    /** An operator with a default cluster and state directories, as production runs it. */
    public static final OperatorConfig CONFIG =
            OperatorConfig.fromEnvironment(
                    Map.of(
                            "EP_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                            "EP_CHECKPOINT_DIR", "s3://state/checkpoints",
                            "EP_SAVEPOINT_DIR", "s3://state/savepoints"));

    private AdmissionRequests() {}

    public static PipelineResolver resolver() {
        return new PipelineResolver(CONFIG, new PipelineValidator());
    }

    /** Every author may read every Secret. */
    public static PipelineAdmission admission() {
        return admission((author, namespace, secret) -> true);
    }

    public static PipelineAdmission admission(CredentialAccess credentials) {
        return new PipelineAdmission(resolver()::resolve, credentials, JSON);
    }

    /** The flight-delays example as the object of a request. */
    static ObjectNode flightDelays(String namespace, String name) {
        return JSON.valueToTree(
                Serialization.unmarshal(
                        Pipelines.flightDelays(namespace, name), EventPipeline.class));
    }

    public static ObjectNode review(String operation, JsonNode object, JsonNode oldObject) {
        ObjectNode review = JSON.createObjectNode();
        review.put("apiVersion", "admission.k8s.io/v1");
        review.put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request");
        request.put("uid", "705ab4f5-6393-11e8-b7cc-42010a800002");
        ObjectNode kind = request.putObject("kind");
        kind.put("group", "eventpipeline.io");
        kind.put("version", "v1alpha1");
        kind.put("kind", "EventPipeline");
        ObjectNode resource = request.putObject("resource");
        resource.put("group", "eventpipeline.io");
        resource.put("version", "v1alpha1");
        resource.put("resource", "eventpipelines");
        request.put("name", object.path("metadata").path("name").asText(""));
        request.put("namespace", object.path("metadata").path("namespace").asText(""));
        request.put("operation", operation);
        request.putObject("userInfo").put("username", "alice");
        request.set("object", object);
        if (oldObject != null) {
            request.set("oldObject", oldObject);
        }
        request.put("dryRun", false);
        return review;
    }
}
