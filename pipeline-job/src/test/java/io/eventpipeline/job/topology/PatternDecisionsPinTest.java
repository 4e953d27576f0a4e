package io.eventpipeline.job.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.TestPipelines;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.resolved.ResolvedPattern;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import io.eventpipeline.spec.state.PatternState;
import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.PipelineValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins, for a broad set of patterns, which engine runs each one and whether events no step matches
 * may be dropped before it, with the reasons people are shown. A pattern's state uid depends on its
 * engine, so a job version may move an existing pattern to the other engine only under new {@link
 * io.eventpipeline.spec.resolved.MatcherRules}, by which the upgrade review tells that the pattern
 * starts fresh.
 *
 * <p>The pin holds the patterns themselves (their matching definitions, spec defaults applied), so
 * it stays what it is when tests and examples change. {@code -Dgolden.update=true} rebuilds it from
 * every example, every pipeline among the test resources, every pattern list in a test text block,
 * and a generated set that varies each pattern and step option; do that only for an intended
 * change, and review the diff.
 */
class PatternDecisionsPinTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/pattern-decisions.txt");

    @Test
    void everyPinnedPatternKeepsItsEngineAndDroppingDecision() throws Exception {
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, String.join("\n", scan()) + "\n");
        }
        List<String> pinned = Files.readAllLines(GOLDEN);
        List<String> now = new ArrayList<>();
        for (String line : pinned) {
            String[] parts = line.split("\t", 3);
            PatternSpec spec = PipelineJson.json().readValue(parts[1], PatternSpec.class);
            now.add(parts[0] + "\t" + parts[1] + "\t" + decision(resolve(spec)));
        }
        // The pin means something only if it covers plenty of both engines.
        assertThat(pinned).hasSizeGreaterThan(300);
        assertThat(String.join("\n", pinned)).contains("\tsequence;").contains("\tpattern (");
        assertThat(now)
                .as(
                        "decisions differ from %s (rerun with -Dgolden.update=true if intended)",
                        GOLDEN)
                .isEqualTo(pinned);
    }

    /**
     * Each distinct pattern found now: where it was found (for people), its matching definition
     * with spec defaults applied, and the decision.
     */
    private static List<String> scan() throws Exception {
        Map<String, String> sourceByPattern = new LinkedHashMap<>();
        for (Path file : pipelineFiles()) {
            collect(relative(file), parseOrNull(Files.readString(file)), sourceByPattern);
        }
        for (Path file : testSources()) {
            for (String block : patternBlocks(Files.readString(file))) {
                collect(relative(file), withPatternsOrNull(block), sourceByPattern);
            }
        }
        for (String pattern : generatedPatterns()) {
            collect("generated", withPatternsOrNull(pattern), sourceByPattern);
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> entry : sourceByPattern.entrySet()) {
            PatternSpec spec = PipelineJson.json().readValue(entry.getKey(), PatternSpec.class);
            lines.add(entry.getValue() + "\t" + entry.getKey() + "\t" + decision(resolve(spec)));
        }
        return lines;
    }

    private static void collect(
            String source, PipelineDefinition pipeline, Map<String, String> sourceByPattern)
            throws InvalidPipelineException {
        if (pipeline == null || !new PipelineValidator().validate(pipeline).isEmpty()) {
            return;
        }
        for (ResolvedPattern pattern : ResolvedPipeline.resolve(pipeline).patterns()) {
            sourceByPattern.putIfAbsent(PipelineJson.toJson(pattern.wire()), source);
        }
    }

    /** The engine and whether irrelevant events may be dropped, with the reasons people see. */
    /** The pinned pattern alone in a pipeline keyed by k, as the job resolves it. */
    private static ResolvedPattern resolve(PatternSpec pattern) throws Exception {
        EventPipelineSpec spec =
                PipelineJson.yaml()
                        .readValue(
                                "{input: {topic: in, key: k}, output: {topic: out}}",
                                EventPipelineSpec.class);
        spec.setPatterns(List.of(pattern));
        return ResolvedPipeline.ofUnvalidated(new PipelineDefinition("p", "default", spec))
                .patterns()
                .get(0);
    }

    private static String decision(ResolvedPattern pattern) {
        PatternState state = PatternState.of(pattern, "k");
        String engine =
                state.matcher().uidPrefix()
                        + state.whyCep().map(why -> " (" + why + ")").orElse("");
        String dropping =
                pattern.shape()
                        .whyEventsMatter("spec.patterns[0]")
                        .map(why -> "keep (" + why + ")")
                        .orElse("drop");
        return engine + "; " + dropping;
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
