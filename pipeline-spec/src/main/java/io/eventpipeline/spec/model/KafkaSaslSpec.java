package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;

/** SASL authentication to the brokers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"mechanism", "jaasConfig"})
public class KafkaSaslSpec {

    @Required
    @JsonPropertyDescription("The SASL mechanism: SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN.")
    private SaslMechanism mechanism;

    @Required
    @JsonPropertyDescription(
            "The Secret key holding the client's sasl.jaas.config, e.g. a Strimzi KafkaUser"
                    + " Secret's sasl.jaas.config.")
    private SecretKeyReference jaasConfig;

    public SaslMechanism getMechanism() {
        return mechanism;
    }

    public void setMechanism(SaslMechanism mechanism) {
        this.mechanism = mechanism;
    }

    public SecretKeyReference getJaasConfig() {
        return jaasConfig;
    }

    public void setJaasConfig(SecretKeyReference jaasConfig) {
        this.jaasConfig = jaasConfig;
    }
}
