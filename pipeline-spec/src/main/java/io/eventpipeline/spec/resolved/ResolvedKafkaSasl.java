package io.eventpipeline.spec.resolved;

import io.eventpipeline.spec.model.SaslMechanism;

/** SASL authentication: the mechanism and where the client's {@code sasl.jaas.config} is. */
public record ResolvedKafkaSasl(SaslMechanism mechanism, KafkaSecretKey jaasConfig) {}
