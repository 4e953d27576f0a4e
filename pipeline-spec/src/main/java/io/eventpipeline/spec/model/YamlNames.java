package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The YAML spelling of an enum constant, as its {@link JsonProperty} declares it. */
final class YamlNames {
    private YamlNames() {}

    static String of(Enum<?> constant) {
        try {
            JsonProperty property =
                    constant.getDeclaringClass()
                            .getField(constant.name())
                            .getAnnotation(JsonProperty.class);
            return property == null ? constant.name() : property.value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
