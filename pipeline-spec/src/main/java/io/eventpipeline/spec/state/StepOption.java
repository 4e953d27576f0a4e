package io.eventpipeline.spec.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.model.StepSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of a step beyond its name, contiguity and condition: how often it repeats and how. A
 * step's options are read from its YAML form, so a field added to {@link StepSpec} later shows up
 * as an unknown option, which {@link PatternShape} sends to Flink CEP until someone decides what
 * the sequence matcher and early dropping make of it.
 */
enum StepOption {
    // Declared in the order reasons are reported in: consecutive before greedy.
    TIMES("times"),
    ONE_OR_MORE("oneOrMore"),
    OPTIONAL("optional"),
    CONSECUTIVE("consecutive"),
    GREEDY("greedy"),
    ALLOW_COMBINATIONS("allowCombinations"),
    UNTIL("until");

    /** What every step has, which are not options. */
    static final Set<String> CORE = Set.of("name", "after", "where");

    private final String field;

    StepOption(String field) {
        this.field = field;
    }

    /**
     * The options a step sets, and the fields it sets that are no known option. A flag set to false
     * is not set: it means the same as leaving it out.
     */
    record Present(EnumSet<StepOption> known, List<String> unknown) {
        static Present of(StepSpec step) {
            EnumSet<StepOption> known = EnumSet.noneOf(StepOption.class);
            List<String> unknown = new ArrayList<>();
            JsonNode tree = PipelineJson.json().valueToTree(step);
            for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (CORE.contains(field.getKey())
                        || value.isNull()
                        || (value.isBoolean() && !value.booleanValue())) {
                    continue;
                }
                StepOption option = named(field.getKey());
                if (option == null) {
                    unknown.add(field.getKey());
                } else {
                    known.add(option);
                }
            }
            return new Present(known, unknown);
        }
    }

    /** The option spelled {@code field} in YAML, or null. */
    static StepOption named(String field) {
        for (StepOption option : values()) {
            if (option.field.equals(field)) {
                return option;
            }
        }
        return null;
    }
}
