package io.eventpipeline.spec.cel;

import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.model.PatternSpec;

/** Patterns written as YAML in tests. */
final class Yaml {
    private Yaml() {}

    static PatternSpec pattern(String yaml) {
        try {
            return PipelineJson.yaml().readValue(yaml, PatternSpec.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
