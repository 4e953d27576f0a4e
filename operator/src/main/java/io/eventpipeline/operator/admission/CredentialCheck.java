package io.eventpipeline.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventpipeline.spec.resolved.ResolvedKafka;
import io.eventpipeline.spec.validation.ValidationProblem;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a pipeline's author may read every Secret its Kafka credentials are taken from: the auth
 * Secret, each store's Secret, the SASL JAAS config's, and the Strimzi cluster CA and user Secrets.
 * The operator reads them with wider rights than the author's ({@link CredentialAccess}).
 */
final class CredentialCheck {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialCheck.class);

    /** The spec.kafka fields that carry or redirect credentials. */
    private static final List<String> CREDENTIAL_FIELDS =
            List.of("bootstrapServers", "authSecretRef", "tls", "sasl", "strimzi");

    private final CredentialAccess credentials;
    private final ObjectMapper mapper;

    CredentialCheck(CredentialAccess credentials, ObjectMapper mapper) {
        this.credentials = credentials;
        this.mapper = mapper;
    }

    /**
     * A problem for each Secret its author may not read, when credentials are named where there
     * were none or sent to other brokers than before. An update that keeps them and the brokers
     * leaves what the author already had.
     */
    List<ValidationProblem> problems(JsonNode request, String namespace) {
        JsonNode kafka = request.path("object").path("spec").path("kafka");
        Map<String, String> secrets = referencedSecrets(kafka);
        if (secrets.isEmpty()) {
            return List.of();
        }
        JsonNode before = request.path("oldObject").path("spec").path("kafka");
        if (request.path("operation").asText("").equals("UPDATE")
                && CREDENTIAL_FIELDS.stream()
                        .allMatch(field -> kafka.path(field).equals(before.path(field)))) {
            return List.of();
        }
        UserInfo author;
        try {
            author = mapper.treeToValue(request.path("userInfo"), UserInfo.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            author = null;
        }
        List<ValidationProblem> problems = new ArrayList<>();
        for (Map.Entry<String, String> reference : secrets.entrySet()) {
            String path = reference.getKey();
            if (author == null || author.getUsername() == null) {
                problems.add(
                        new ValidationProblem(
                                path, "cannot be checked: the request names no user"));
                continue;
            }
            check(author, namespace, reference.getValue(), path).ifPresent(problems::add);
        }
        return problems;
    }

    /** Each Secret the credentials are read from, by the field that names it, in spec order. */
    static Map<String, String> referencedSecrets(JsonNode kafka) {
        Map<String, String> secrets = new LinkedHashMap<>();
        put(secrets, "spec.kafka.authSecretRef.name", kafka.path("authSecretRef").path("name"));
        for (String store : List.of("truststore", "keystore")) {
            put(
                    secrets,
                    "spec.kafka.tls." + store + ".secretName",
                    kafka.path("tls").path(store).path("secretName"));
        }
        put(
                secrets,
                "spec.kafka.sasl.jaasConfig.secretName",
                kafka.path("sasl").path("jaasConfig").path("secretName"));
        String cluster = kafka.path("strimzi").path("cluster").asText("");
        if (!cluster.isEmpty()) {
            secrets.put(
                    "spec.kafka.strimzi.cluster", ResolvedKafka.strimziClusterCaSecret(cluster));
        }
        put(secrets, "spec.kafka.strimzi.user", kafka.path("strimzi").path("user"));
        return secrets;
    }

    private static void put(Map<String, String> secrets, String path, JsonNode name) {
        if (!name.asText("").isEmpty()) {
            secrets.put(path, name.asText());
        }
    }

    private Optional<ValidationProblem> check(
            UserInfo author, String namespace, String secret, String path) {
        try {
            if (credentials.mayRead(author, namespace, secret)) {
                return Optional.empty();
            }
            return Optional.of(
                    new ValidationProblem(
                            path,
                            "names Secret \""
                                    + secret
                                    + "\", which "
                                    + author.getUsername()
                                    + " may not read (get secrets in namespace "
                                    + namespace
                                    + "): the operator sends Kafka credentials only where their"
                                    + " author could read them. Get read access to that Secret,"
                                    + " or leave out spec.kafka to use the operator's default"
                                    + " cluster and credentials"));
        } catch (KubernetesClientException e) {
            LOG.warn(
                    "could not review access to Secret {}/{}: {}",
                    namespace,
                    secret,
                    e.getMessage());
            return Optional.of(
                    new ValidationProblem(
                            path,
                            "cannot be checked now (the API server did not say whether "
                                    + author.getUsername()
                                    + " may read Secret \""
                                    + secret
                                    + "\"); try again"));
        }
    }
}
