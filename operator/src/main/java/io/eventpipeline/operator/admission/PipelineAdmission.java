package io.eventpipeline.operator.admission;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.ValidationProblem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides one AdmissionReview for an EventPipeline: the same validation the reconciler runs (the
 * spec validator, the operator's defaults, the Flink settings rules), so that {@code kubectl
 * apply}, {@code --dry-run=server} and GitOps syncs fail with the messages status would show. The
 * reconciler keeps validating: the webhook may be off or bypassed.
 *
 * <p>Every Secret the spec's Kafka credentials are read from must be one its author may read
 * ({@link CredentialCheck}): the operator reads them with wider rights than the author's.
 *
 * <p>Only a changed spec is judged. An update that leaves the spec alone (labels, annotations, the
 * operator's finalizer) and anything done to an object being deleted is always allowed, so a
 * pipeline stored before the webhook existed, or under other rules, can still be relabelled and
 * deleted.
 */
public final class PipelineAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineAdmission.class);

    /** What the API server adds to a generateName: five random characters. */
    private static final String GENERATED_SUFFIX = "xxxxx";

    private final SpecCheck check;
    private final CredentialCheck credentials;
    private final ObjectMapper mapper;

    /** The check a spec must pass; the operator's {@code PipelineResolver#resolve}. */
    @FunctionalInterface
    public interface SpecCheck {
        void check(PipelineDefinition definition) throws InvalidPipelineException;
    }

    public PipelineAdmission(SpecCheck check, CredentialAccess credentials, ObjectMapper mapper) {
        this.check = check;
        this.credentials = new CredentialCheck(credentials, mapper);
        this.mapper = mapper;
    }

    /** The response to one request; {@code review} is the AdmissionReview the API server sent. */
    public AdmissionReview review(JsonNode review) {
        JsonNode request = review.path("request");
        String uid = request.path("uid").asText("");
        AdmissionResponse response = decide(request).uid(uid);
        // The answer must carry the version it was asked in; v1 is the only one we register.
        String apiVersion = review.path("apiVersion").asText("");
        return new AdmissionReviewBuilder()
                .withApiVersion(apiVersion.isEmpty() ? "admission.k8s.io/v1" : apiVersion)
                .withKind("AdmissionReview")
                .withResponse(response)
                .build();
    }

    /** A response still to be given the request's uid. */
    private Decision decide(JsonNode request) {
        String group = request.path("kind").path("group").asText("");
        String kind = request.path("kind").path("kind").asText("");
        if (!group.equals(HasMetadata.getGroup(EventPipeline.class))
                || !kind.equals(HasMetadata.getKind(EventPipeline.class))) {
            // The webhook configuration sends only pipelines; anything else is not ours to judge.
            return Decision.allow(
                    "eventpipeline-operator's webhook judges EventPipelines only, not "
                            + group
                            + "/"
                            + kind);
        }
        String version = request.path("kind").path("version").asText("");
        if (!version.equals(HasMetadata.getVersion(EventPipeline.class))) {
            // Registered for this version with matchPolicy Equivalent: the API server converts a
            // write through any later version to it. Another one cannot be read as this model.
            return Decision.allow(
                    "eventpipeline-operator's webhook cannot judge "
                            + group
                            + "/"
                            + version
                            + "; the operator validates it when it reconciles");
        }
        String operation = request.path("operation").asText("");
        JsonNode object = request.path("object");
        if (!operation.equals("CREATE") && !operation.equals("UPDATE")) {
            return Decision.allow(null);
        }
        if (object.path("metadata").hasNonNull("deletionTimestamp")) {
            return Decision.allow(null);
        }
        if (operation.equals("UPDATE")
                && object.path("spec").equals(request.path("oldObject").path("spec"))) {
            return Decision.allow(null);
        }
        String namespace = request.path("namespace").asText(null);
        String name = name(request, object);
        List<ValidationProblem> problems =
                new ArrayList<>(problems(namespace, name, object.path("spec")));
        problems.addAll(credentials.problems(request, namespace));
        if (problems.isEmpty()) {
            return Decision.allow(null);
        }
        boolean dryRun = request.path("dryRun").asBoolean(false);
        LOG.info(
                "refused {} of EventPipeline {}/{}{}: {}",
                operation.toLowerCase(java.util.Locale.ROOT),
                namespace,
                name,
                dryRun ? " (dry run)" : "",
                problems.stream().map(ValidationProblem::path).collect(Collectors.joining(", ")));
        return Decision.deny(name, problems);
    }

    private List<ValidationProblem> problems(String namespace, String name, JsonNode specNode) {
        if (specNode.isMissingNode() || specNode.isNull()) {
            return List.of(new ValidationProblem("spec", "is required"));
        }
        EventPipelineSpec spec;
        try {
            spec = mapper.treeToValue(specNode, EventPipelineSpec.class);
        } catch (JsonMappingException e) {
            return List.of(
                    new ValidationProblem(path(e), "cannot be read: " + e.getOriginalMessage()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of(
                    new ValidationProblem("spec", "cannot be read: " + e.getOriginalMessage()));
        }
        try {
            check.check(new PipelineDefinition(name, namespace, spec));
            return List.of();
        } catch (InvalidPipelineException e) {
            return e.problems();
        }
    }

    private static String name(JsonNode request, JsonNode object) {
        String name = request.path("name").asText("");
        if (name.isEmpty()) {
            name = object.path("metadata").path("name").asText("");
        }
        if (name.isEmpty()) {
            // Judged under the longest name the API server can give it.
            name = object.path("metadata").path("generateName").asText("") + GENERATED_SUFFIX;
        }
        return name;
    }

    /** Jackson's path into the spec, written as the field paths of validation problems. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("spec");
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** An answer before the request's uid is attached. */
    private record Decision(AdmissionResponseBuilder builder) {
        static Decision allow(String warning) {
            AdmissionResponseBuilder builder = new AdmissionResponseBuilder().withAllowed(true);
            if (warning != null) {
                builder.withWarnings(warning);
            }
            return new Decision(builder);
        }

        static Decision deny(String name, List<ValidationProblem> problems) {
            String kind = HasMetadata.getKind(EventPipeline.class);
            String message =
                    kind
                            + " \""
                            + name
                            + "\" is invalid:\n"
                            + problems.stream()
                                    .map(problem -> "  " + problem)
                                    .collect(Collectors.joining("\n"));
            List<StatusCause> causes =
                    problems.stream()
                            .map(
                                    problem ->
                                            new StatusCause(
                                                    problem.path(),
                                                    problem.message(),
                                                    "FieldValueInvalid"))
                            .toList();
            return new Decision(
                    new AdmissionResponseBuilder()
                            .withAllowed(false)
                            .withStatus(
                                    new StatusBuilder()
                                            .withStatus("Failure")
                                            .withCode(422)
                                            .withReason("Invalid")
                                            .withMessage(message)
                                            .withNewDetails()
                                            .withName(name)
                                            .withGroup(HasMetadata.getGroup(EventPipeline.class))
                                            .withKind(kind)
                                            .withCauses(causes)
                                            .endDetails()
                                            .build()));
        }

        AdmissionResponse uid(String uid) {
            return builder.withUid(uid).build();
        }
    }
}
