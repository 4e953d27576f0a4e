package io.eventpipeline.spec.resolved;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.spec.model.KafkaConnectionSpec;
import io.eventpipeline.spec.model.SecretReference;
import org.junit.jupiter.api.Test;

class ResolvedKafkaTest {

    @Test
    void referencedSecretsAreTheAuthSecretOrNone() {
        assertThat(ResolvedKafka.of(null).referencedSecretNames()).isEmpty();
        assertThat(ResolvedKafka.of(new KafkaConnectionSpec()).referencedSecretNames()).isEmpty();

        KafkaConnectionSpec kafka = new KafkaConnectionSpec();
        SecretReference auth = new SecretReference();
        auth.setName("kafka-client");
        kafka.setAuthSecretRef(auth);
        assertThat(ResolvedKafka.of(kafka).referencedSecretNames()).containsExactly("kafka-client");
    }
}
