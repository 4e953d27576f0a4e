package io.eventpipeline.testsupport.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/apis/example.io/v1/namespaces/ns/widgets/w";
    private static final String CRD =
            """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.io}
            spec:
              group: example.io
              scope: Namespaced
              names: {kind: Widget, plural: widgets, singular: widget}
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec:
                          type: object
                          required: [size]
                          properties:
                            size: {type: integer}
                            mode: {type: string, enum: [fast, slow]}
                            labels: {type: object, additionalProperties: {type: string}}
                            parts:
                              type: array
                              items: {type: object, properties: {name: {type: string}}}
                            free: {type: object, x-kubernetes-preserve-unknown-fields: true}
            """;

    private final SchemaValidation validation =
            new SchemaValidation(
                    List.of(Serialization.unmarshal(CRD, CustomResourceDefinition.class)));

    private SchemaValidation.Problems check(String spec) throws Exception {
        JsonNode object =
                JSON.readTree(
                        "{\"apiVersion\":\"example.io/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"},\"spec\":"
                                + spec
                                + "}");
        return validation.check(PATH, object);
    }

    @Test
    void aValidObjectHasNoProblems() throws Exception {
        assertThat(
                        check(
                                        "{\"size\":1,\"mode\":\"fast\",\"labels\":{\"a\":\"b\"},\"parts\":[{\"name\":\"p\"}],\"free\":{\"any\":{\"thing\":1}}}")
                                .none())
                .isTrue();
    }

    @Test
    void unknownFieldsAreNamedWithTheirPath() throws Exception {
        assertThat(check("{\"size\":1,\"sise\":2,\"parts\":[{\"nme\":\"p\"}]}").unknownFields())
                .containsExactly("spec.sise", "spec.parts[0].nme");
    }

    @Test
    void wrongTypesEnumsAndRequiredFieldsAreInvalid() throws Exception {
        assertThat(check("{\"mode\":\"medium\",\"labels\":{\"a\":1}}").invalid())
                .containsExactlyInAnyOrder(
                        "spec.size: Required value",
                        "spec.mode: Unsupported value: \"medium\": supported values: \"fast\","
                                + " \"slow\"",
                        "spec.labels.a: Invalid value: \"number\": spec.labels.a in body must be of"
                                + " type string: \"number\"");
    }

    @Test
    void pathsOfOtherResourcesAreNotChecked() throws Exception {
        JsonNode anything = JSON.readTree("{\"spec\":{\"whatever\":true}}");
        assertThat(validation.check("/api/v1/namespaces/ns/configmaps/c", anything).none())
                .isTrue();
    }
}
