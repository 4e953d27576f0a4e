package io.eventpipeline.spec.resolved;

import java.util.Optional;

/**
 * TLS to the brokers.
 *
 * @param truststore the CAs to trust; empty: the JVM's default CAs
 * @param keystore the client certificate (PKCS12 or JKS); empty: none is presented
 */
public record ResolvedKafkaTls(Optional<KafkaStore> truststore, Optional<KafkaStore> keystore) {}
