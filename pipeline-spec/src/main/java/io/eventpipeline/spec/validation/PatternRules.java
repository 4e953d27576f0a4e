package io.eventpipeline.spec.validation;

import io.eventpipeline.spec.cel.CelNames;
import io.eventpipeline.spec.cel.CompiledPattern;
import io.eventpipeline.spec.cel.PatternCompiler;
import io.eventpipeline.spec.model.AfterMatchStrategy;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.model.StepSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The patterns: names, time limit, after-match strategy, emit, and all of their CEL. */
final class PatternRules {
    private PatternRules() {}

    /**
     * @param compiled receives each pattern's compiled CEL, by index (null for an empty pattern)
     */
    static void check(
            List<PatternSpec> patterns, Problems problems, List<CompiledPattern> compiled) {
        if (patterns == null || patterns.isEmpty()) {
            problems.add("spec.patterns", "needs at least one pattern to detect");
            return;
        }
        if (patterns.size() > PatternSpec.MAX_PATTERNS) {
            problems.add(
                    "spec.patterns",
                    "has "
                            + patterns.size()
                            + " patterns; at most "
                            + PatternSpec.MAX_PATTERNS
                            + " fit in one pipeline (split it in two)");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < patterns.size(); i++) {
            String path = "spec.patterns[" + i + "]";
            PatternSpec pattern = patterns.get(i);
            if (pattern == null) {
                problems.add(path, "is empty: a pattern needs a name and steps");
                compiled.add(null);
                continue;
            }
            checkName(pattern.getName(), i, seen, path + ".name", problems);
            if (pattern.getSteps() == null || pattern.getSteps().isEmpty()) {
                problems.add(path + ".steps", "needs at least one step");
            } else if (pattern.getSteps().size() > PatternSpec.MAX_STEPS) {
                problems.add(
                        path + ".steps",
                        "has "
                                + pattern.getSteps().size()
                                + " steps; a pattern has at most "
                                + PatternSpec.MAX_STEPS);
            } else {
                StepRules.check(pattern, path, problems);
                checkAfterMatch(pattern, path, problems);
            }
            problems.duration(
                    path + ".within",
                    pattern.getWithin(),
                    Duration.ofMillis(1),
                    "must be more than 0 (Flink CEP reads a zero window as no limit at all)",
                    DurationBound.WITHIN);
            if (Problems.isSet(pattern.getEmitTimeouts()) && pattern.getWithin() == null) {
                problems.add(
                        path + ".emitTimeouts",
                        "needs within: a partial match only times out when the pattern has a time"
                                + " limit");
            }
            checkEmitNames(pattern.getEmit(), path + ".emit", problems);
            List<ValidationProblem> expressionProblems = new ArrayList<>();
            compiled.add(PatternCompiler.compile(pattern, path, expressionProblems));
            problems.addAll(expressionProblems);
        }
    }

    private static void checkName(
            String name, int index, Map<String, Integer> seen, String at, Problems problems) {
        if (Problems.isBlank(name)) {
            problems.add(at, "is required: it names the pattern in match records");
            return;
        }
        if (name.length() > Names.DNS_LABEL_MAX || !Names.DNS_LABEL.matcher(name).matches()) {
            problems.add(
                    at,
                    "'"
                            + name
                            + "' is not a valid pattern name: lowercase letters, digits and '-',"
                            + " starting and ending with a letter or digit, at most "
                            + Names.DNS_LABEL_MAX
                            + " characters");
        }
        Integer first = seen.putIfAbsent(name, index);
        if (first != null) {
            problems.add(
                    at,
                    "'"
                            + name
                            + "' is also the name of patterns["
                            + first
                            + "]: pattern names"
                            + " must be unique");
        }
    }

    private static void checkAfterMatch(PatternSpec pattern, String path, Problems problems) {
        AfterMatchStrategy strategy = pattern.getAfterMatch();
        String target = pattern.getAfterMatchStep();
        boolean namesStep =
                strategy == AfterMatchStrategy.SKIP_TO_FIRST
                        || strategy == AfterMatchStrategy.SKIP_TO_LAST;
        if (!namesStep) {
            if (target != null) {
                problems.add(
                        path + ".afterMatchStep",
                        "is only used with afterMatch skipToFirst or skipToLast");
            }
            return;
        }
        if (Problems.isBlank(target)) {
            problems.add(
                    path + ".afterMatchStep",
                    "is required with afterMatch " + strategy.yamlName() + ": name the step");
            return;
        }
        StepSpec step =
                pattern.getSteps().stream()
                        .filter(Objects::nonNull)
                        .filter(s -> target.equals(s.getName()))
                        .findFirst()
                        .orElse(null);
        if (step == null) {
            problems.add(path + ".afterMatchStep", "'" + target + "' is no step of this pattern");
        } else if (StepRules.isNegation(step)) {
            problems.add(
                    path + ".afterMatchStep",
                    "'"
                            + target
                            + "' is a "
                            + step.getAfter().yamlName()
                            + " step, which never holds events: there would be nothing to skip to"
                            + " (Flink CEP would silently fall back to noSkip)");
        }
    }

    private static void checkEmitNames(Map<String, String> emit, String path, Problems problems) {
        if (emit == null) {
            return;
        }
        for (String field : emit.keySet()) {
            if (!CelNames.isIdentifier(field)) {
                problems.add(
                        path + "." + field,
                        "'"
                                + field
                                + "' is not a valid field name: a letter or '_', then letters,"
                                + " digits or '_'");
            }
        }
    }
}
