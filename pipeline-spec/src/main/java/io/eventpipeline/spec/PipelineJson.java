package io.eventpipeline.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;

/**
 * The one way pipelines are read and written. Output is canonical (map keys sorted, nulls left out)
 * so that the same pipeline always serializes to the same bytes: the operator relies on it to
 * render identical objects for an unchanged spec.
 */
public final class PipelineJson {
    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
    private static final ObjectMapper YAML =
            configure(
                    YAMLMapper.builder(
                                    YAMLFactory.builder()
                                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                                            .build())
                            .build());

    private PipelineJson() {}

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, false)
                // A misspelt field is an error the user must see, never silently dropped.
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                // partitions: 1.5 is an error, never silently 1.
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
    }

    /** A JSON mapper with canonical output. Shared: do not reconfigure. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** A YAML mapper with canonical output. Shared: do not reconfigure. */
    public static ObjectMapper yaml() {
        return YAML;
    }

    /** Canonical compact JSON of any model object. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deep copy of a model object, through its JSON form. */
    public static <T> T copy(T value, Class<T> type) {
        return JSON.convertValue(value, type);
    }
}
