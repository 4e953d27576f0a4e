package io.eventpipeline.operator.flink;

import io.eventpipeline.spec.model.FlinkSpec;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Decides, key by key, whether a pipeline's {@code spec.flink.flinkConfiguration} may reach its
 * FlinkDeployment: operator-owned keys never, allowed keys (the default allow-list in {@link
 * FlinkKeyRules} plus what the platform team adds with the chart's {@code
 * job.allowedFlinkConfiguration}) with their values checked, everything else refused with the
 * reason and what to do instead.
 */
public final class FlinkConfigurationPolicy {
    static final String CONF = "spec.flink.flinkConfiguration";

    /** Where the platform team widens the allow-list. */
    static final String WIDEN =
            "Remove it, or ask the platform team to allow it with the chart value"
                    + " job.allowedFlinkConfiguration";

    /** Keys of the restart strategy whose values are durations. */
    private static final Pattern RESTART_DURATION =
            Pattern.compile("restart-strategy\\..*(delay|backoff|interval|threshold)");

    private final List<FlinkKeyPattern> widened;

    /**
     * @param widened the platform team's additions (keys or prefixes)
     * @throws IllegalArgumentException when one names an operator-owned key, which nothing can
     *     allow
     */
    public FlinkConfigurationPolicy(List<FlinkKeyPattern> widened) {
        for (FlinkKeyPattern pattern : widened) {
            if (!pattern.isPrefix()) {
                OwnedFlinkKeys.owned(pattern.text())
                        .ifPresent(
                                owned -> {
                                    throw new IllegalArgumentException(
                                            pattern
                                                    + " is set by the operator and cannot be"
                                                    + " allowed: "
                                                    + owned.instead());
                                });
            }
        }
        this.widened = List.copyOf(widened);
    }

    /** The default allow-list only. */
    public static FlinkConfigurationPolicy defaults() {
        return new FlinkConfigurationPolicy(List.of());
    }

    /** Every refused key and every allowed key with a wrong value, in key order. */
    public List<ValidationProblem> problems(FlinkSpec flink) {
        if (flink == null || flink.getFlinkConfiguration() == null) {
            return List.of();
        }
        List<ValidationProblem> problems = new ArrayList<>();
        new TreeMap<>(flink.getFlinkConfiguration())
                .forEach(
                        (key, value) ->
                                problem(key, value)
                                        .ifPresent(
                                                message ->
                                                        problems.add(
                                                                new ValidationProblem(
                                                                        path(key), message))));
        return problems;
    }

    static String path(String key) {
        return CONF + "[" + key + "]";
    }

    private Optional<String> problem(String key, String value) {
        if (key == null || key.isBlank() || value == null) {
            return Optional.empty(); // the spec's own validation names these
        }
        if (!FlinkKeyPattern.isKey(key)) {
            return Optional.of(
                    "is not a Flink option name: letters, digits, '.', '-' and '_' only");
        }
        Optional<OwnedFlinkKeys.Owned> owned = OwnedFlinkKeys.owned(key);
        if (owned.isPresent()) {
            return Optional.of("is set by the operator: " + owned.get().instead());
        }
        boolean allowed =
                widened.stream().anyMatch(p -> p.matches(key))
                        || FlinkKeyRules.allowedByDefault(key).isPresent();
        if (!allowed) {
            return Optional.of(
                    FlinkKeyRules.refusal(key)
                            .map(r -> "is not allowed: " + r.reason() + ". " + WIDEN)
                            .orElse(
                                    "is not among the Flink settings a pipeline may set (README,"
                                            + " Trust model). "
                                            + WIDEN));
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return Optional.of(
                    "must be one line without control characters: no Flink setting takes them,"
                            + " and a line break would start another setting in Flink's"
                            + " configuration file");
        }
        if (RESTART_DURATION.matcher(key).matches()) {
            return FlinkValueRule.duration().problem(value);
        }
        return FlinkKeyRules.mostSpecificAllowed(key).flatMap(a -> a.value().problem(value));
    }

    /** Whether the operator sets the key itself, whatever a pipeline writes. */
    public static boolean operatorOwned(String key) {
        return OwnedFlinkKeys.owned(key).isPresent();
    }
}
