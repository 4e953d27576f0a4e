package io.eventpipeline.job.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.TestPipelines;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.state.PatternState;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.PipelineValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins, for a broad set of patterns, which engine runs each one and whether events no step matches
 * may be dropped before it, with the reasons people are shown. A pattern's state uid depends on its
 * engine, so an upgrade of the operator must not move any existing pattern to the other engine.
 *
 * <p>The patterns: every example, every pipeline among the test resources, every pattern list in a
 * test text block, and a generated set that varies each pattern and step option. Rewrite the pin
 * with {@code -Dgolden.update=true} only for an intended change, and review the diff.
 */
class PatternDecisionsPinTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/pattern-decisions.txt");

    @Test
    void everyKnownPatternKeepsItsEngineAndDroppingDecision() throws Exception {
        List<String> lines = new ArrayList<>();
        for (Path file : pipelineFiles()) {
            decide(relative(file), parseOrNull(Files.readString(file)), lines);
        }
        for (Path file : testSources()) {
            List<String> blocks = patternBlocks(Files.readString(file));
            for (int b = 0; b < blocks.size(); b++) {
                decide(relative(file) + "[" + b + "]", withPatternsOrNull(blocks.get(b)), lines);
            }
        }
        for (String pattern : generatedPatterns()) {
            decide("generated", withPatternsOrNull(pattern), lines);
        }
        String actual = String.join("\n", lines) + "\n";
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual);
        }
        // The pin means something only if it covers plenty of both engines.
        assertThat(lines).hasSizeGreaterThan(300);
        assertThat(actual).contains(": sequence;").contains(": pattern (");
        assertThat(actual)
                .as(
                        "decisions differ from %s (rerun with -Dgolden.update=true if intended)",
                        GOLDEN)
                .isEqualTo(Files.readString(GOLDEN));
    }

    private static void decide(String source, PipelineDefinition pipeline, List<String> lines)
            throws InvalidPipelineException {
        if (pipeline == null || !new PipelineValidator().validate(pipeline).isEmpty()) {
            return;
        }
        CompiledPipeline compiled = CompiledPipeline.of(pipeline);
        List<PatternSpec> patterns = compiled.spec().getPatterns();
        for (int p = 0; p < patterns.size(); p++) {
            PatternSpec spec = patterns.get(p);
            PatternState state =
                    PatternState.of(
                            spec, compiled.patterns().get(p), compiled.spec().getInput().getKey());
            String engine =
                    state.matcher().uidPrefix()
                            + state.whyCep().map(why -> " (" + why + ")").orElse("");
            String dropping =
                    IrrelevantEvents.whyNotDroppable(
                                    List.of(spec), List.of(compiled.patterns().get(p)))
                            .map(why -> "keep (" + why + ")")
                            .orElse("drop");
            lines.add(
                    source
                            + "#"
                            + (source.equals("generated")
                                    ? PipelineJson.toJson(spec)
                                    : spec.getName())
                            + ": "
                            + engine
                            + "; "
                            + dropping);
        }
    }

    private static List<Path> pipelineFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir :
                List.of(
                        "../examples",
                        "src/test/resources",
                        "../pipeline-spec/src/test/resources",
                        "../operator/src/test/resources")) {
            files.addAll(walk(Path.of(dir), ".yaml"));
        }
        return files;
    }

    private static List<Path> testSources() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir :
                List.of(
                        "src/test/java",
                        "../pipeline-spec/src/test/java",
                        "../operator/src/test/java")) {
            files.addAll(walk(Path.of(dir), ".java"));
        }
        return files;
    }

    private static List<Path> walk(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** Text blocks that are a pattern list ("- name:" at column 0 once dedented) or a document. */
    private static List<String> patternBlocks(String source) {
        List<String> blocks = new ArrayList<>();
        Matcher textBlock =
                java.util.regex.Pattern.compile(
                                "\"\"\"\\n(.*?)\"\"\"", java.util.regex.Pattern.DOTALL)
                        .matcher(source);
        while (textBlock.find()) {
            String block = textBlock.group(1).stripIndent();
            if (block.contains("steps:") && !block.contains("%")) {
                blocks.add(block);
            }
        }
        return blocks;
    }

    private static PipelineDefinition withPatternsOrNull(String block) {
        try {
            return block.startsWith("- ")
                    ? TestPipelines.withPatterns("p", block)
                    : PipelineDefinition.parse(block);
        } catch (InvalidPipelineException | RuntimeException e) {
            return null;
        }
    }

    private static PipelineDefinition parseOrNull(String document) {
        try {
            return PipelineDefinition.parse(document);
        } catch (InvalidPipelineException | RuntimeException e) {
            return null;
        }
    }

    private static String relative(Path file) {
        return file.normalize().toString().replace('\\', '/');
    }

    /**
     * Two- and three-step patterns: each pattern option (after-match strategy, within, timeouts)
     * combined with each option of the second step, and each option of the first step alone.
     */
    private static List<String> generatedPatterns() {
        List<String> patternOptions = new ArrayList<>();
        for (String afterMatch :
                List.of(
                        "",
                        "afterMatch: noSkip",
                        "afterMatch: skipToNext",
                        "afterMatch: skipPastLastEvent",
                        "afterMatch: skipToFirst, afterMatchStep: a",
                        "afterMatch: skipToLast, afterMatchStep: b")) {
            for (String time : List.of("", "within: 1m", "within: 1m, emitTimeouts: true")) {
                patternOptions.add(join(afterMatch, time));
            }
        }
        List<String> stepOptions =
                List.of(
                        "",
                        "after: followedBy",
                        "after: next",
                        "after: followedByAny",
                        "after: notNext",
                        "after: notFollowedBy",
                        "times: {min: 2}",
                        "times: {min: 1, max: 3}",
                        "oneOrMore: true",
                        "optional: true",
                        "oneOrMore: true, greedy: true",
                        "oneOrMore: true, consecutive: true",
                        "oneOrMore: true, allowCombinations: true",
                        "oneOrMore: true, until: \"event.type == 'u'\"",
                        "oneOrMore: true, until: \"event.v > a[0].v\"",
                        "after: followedByAny, oneOrMore: true, optional: true",
                        "after: next, times: {min: 2}, consecutive: true");
        List<String> patterns = new ArrayList<>();
        int n = 0;
        for (String pattern : patternOptions) {
            for (String step : stepOptions) {
                for (String where : List.of("event.type == 'b'", "event.v > a[0].v")) {
                    patterns.add(
                            "- {name: g"
                                    + n++
                                    + (pattern.isEmpty() ? "" : ", " + pattern)
                                    + ", steps: [{name: a, where: \"event.type == 'a'\"}, "
                                    + "{name: b, "
                                    + join(step, "where: \"" + where + "\"")
                                    + "}, {name: c, where: \"event.type == 'c'\"}]}");
                }
            }
        }
        for (String step : stepOptions) {
            patterns.add(
                    "- {name: g"
                            + n++
                            + ", within: 1m, steps: [{name: a, "
                            + join(
                                    step.startsWith("after:") ? "" : step,
                                    "where: \"event.type == 'a'\"")
                            + "}, {name: b, where: \"event.type == 'b'\"}]}");
        }
        return patterns;
    }

    private static String join(String first, String second) {
        return first.isEmpty() ? second : second.isEmpty() ? first : first + ", " + second;
    }
}
