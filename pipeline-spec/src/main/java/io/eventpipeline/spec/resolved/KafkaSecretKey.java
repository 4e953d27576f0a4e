package io.eventpipeline.spec.resolved;

/**
 * One key of a Secret in the pipeline's namespace.
 *
 * @param path where it was written, for messages
 */
public record KafkaSecretKey(String secretName, String key, String path) {}
