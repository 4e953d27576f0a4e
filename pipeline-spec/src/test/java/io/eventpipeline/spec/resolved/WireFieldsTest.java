package io.eventpipeline.spec.resolved;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.model.KafkaConnectionSpec;
import io.eventpipeline.spec.model.KafkaSaslSpec;
import io.eventpipeline.spec.model.KafkaStoreSpec;
import io.eventpipeline.spec.model.KafkaTlsSpec;
import io.eventpipeline.spec.model.KafkaTopicsSpec;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.model.StepSpec;
import io.eventpipeline.spec.model.StrimziSpec;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A field added to a pattern or a step on the wire must be decided before it can run: the resolver
 * reads it into the resolved model, and {@link PatternShape} says what the sequence matcher and
 * early dropping make of it (for a step, as a {@link StepOption}). Until then this test fails.
 */
class WireFieldsTest {

    private static Set<String> wireFields(Class<?> type) {
        Set<String> fields = new TreeSet<>();
        PipelineJson.json()
                .getSerializationConfig()
                .introspect(PipelineJson.json().constructType(type))
                .findProperties()
                .forEach(property -> fields.add(property.getName()));
        return fields;
    }

    @Test
    void everyStepFieldIsCoreOrADecidedOption() {
        Set<String> decided = new TreeSet<>(Set.of("name", "after", "where"));
        decided.addAll(
                Arrays.stream(StepOption.values())
                        .map(StepOption::field)
                        .collect(Collectors.toSet()));
        assertThat(wireFields(StepSpec.class))
                .as("a new step field: add it to ResolvedStep and decide it in StepOption")
                .isEqualTo(decided);
    }

    @Test
    void everyPatternFieldIsDecided() {
        assertThat(wireFields(PatternSpec.class))
                .as("a new pattern field: add it to ResolvedPattern and decide it in PatternShape")
                .containsExactlyInAnyOrder(
                        "name",
                        "steps",
                        "within",
                        "afterMatch",
                        "afterMatchStep",
                        "emit",
                        "emitTimeouts");
    }

    @Test
    void everyKafkaCredentialFieldIsDecided() {
        assertThat(wireFields(KafkaConnectionSpec.class))
                .as(
                        "a new spec.kafka field: read it in ResolvedKafka, and if it names a"
                                + " Secret add it to referencedSecretNames")
                .containsExactlyInAnyOrder(
                        "bootstrapServers", "authSecretRef", "tls", "sasl", "strimzi", "topics");
        assertThat(wireFields(KafkaTlsSpec.class))
                .containsExactlyInAnyOrder("truststore", "keystore");
        assertThat(wireFields(KafkaStoreSpec.class))
                .containsExactlyInAnyOrder("secretName", "key", "type", "passwordKey");
        assertThat(wireFields(KafkaSaslSpec.class))
                .containsExactlyInAnyOrder("mechanism", "jaasConfig");
        assertThat(wireFields(StrimziSpec.class))
                .as("a new strimzi field: expand it in StrimziCredentials")
                .containsExactlyInAnyOrder("cluster", "user", "authentication");
    }

    @Test
    void everyKafkaTopicsFieldIsDecided() {
        assertThat(wireFields(KafkaTopicsSpec.class))
                .as("a new spec.kafka.topics field: add it to ResolvedTopicManagement")
                .containsExactlyInAnyOrder("management", "strimziCluster");
    }
}
