package io.eventpipeline.spec.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.PatternSpec;
import io.eventpipeline.spec.resolved.Matcher;
import io.eventpipeline.spec.resolved.ResolvedPattern;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatternStateTest {
    private static ResolvedPattern pattern(String yaml) throws Exception {
        EventPipelineSpec spec =
                PipelineJson.yaml()
                        .readValue(
                                "{input: {topic: in, key: k}, output: {topic: out}}",
                                EventPipelineSpec.class);
        spec.setPatterns(List.of(PipelineJson.yaml().readValue(yaml, PatternSpec.class)));
        return ResolvedPipeline.ofUnvalidated(new PipelineDefinition("p", "default", spec))
                .patterns()
                .get(0);
    }

    private static String uid(String yaml, String key) throws Exception {
        return PatternState.uid(pattern(yaml), key, Matcher.CEP);
    }

    private static final String P = "{name: p, steps: [{name: a, where: \"event.x == 1\"}]}";

    @Test
    void aPatternsUidChangesExactlyWhenWhatItMatchesOrTheKeyChanges() throws Exception {
        String uid = uid(P, "k");
        assertThat(uid).startsWith("pattern-p-").hasSize("pattern-p-".length() + 16);
        assertThat(uid(P, "k")).isEqualTo(uid);
        assertThat(uid(P.replace("== 1", "== 2"), "k")).isNotEqualTo(uid);
        assertThat(uid(P, "other")).isNotEqualTo(uid);
        assertThat(uid(P.replace("}]}", "}], within: 5m}"), "k")).isNotEqualTo(uid);
        assertThat(uid(P.replace("}]}", "}], afterMatch: skipToNext}"), "k")).isNotEqualTo(uid);
    }

    @Test
    void emitAndEmitTimeoutsAreReadOnlyByCompletedMatchesSoTheyKeepTheUid() throws Exception {
        String uid = uid(P, "k");
        assertThat(uid(P.replace("}]}", "}], emit: {x: \"a[0].x\"}}"), "k")).isEqualTo(uid);
        assertThat(uid(P.replace("}]}", "}], within: 1m, emitTimeouts: true}"), "k"))
                .isEqualTo(uid(P.replace("}]}", "}], within: 1m}"), "k"));
    }

    @Test
    void aPatternWithoutEmitKeepsTheUidEarlierJobsGaveIt() throws Exception {
        ResolvedPattern plain = pattern(P);
        assertThat(PatternState.uid(plain, "k", Matcher.SEQUENCE))
                .isEqualTo(PatternState.legacyUid(plain, "k", Matcher.SEQUENCE))
                .startsWith("sequence-p-");
        ResolvedPattern withEmit = pattern(P.replace("}]}", "}], emit: {x: \"a[0].x\"}}"));
        assertThat(PatternState.uid(withEmit, "k", Matcher.CEP))
                .isNotEqualTo(PatternState.legacyUid(withEmit, "k", Matcher.CEP));
        assertThat(withEmit.wire().getEmit()).isEqualTo(Map.of("x", "a[0].x"));
    }

    @Test
    void theSequenceMatchersUidDiffersFromCepsForTheSamePattern() throws Exception {
        ResolvedPattern p = pattern(P);
        String cep = PatternState.uid(p, "k", Matcher.CEP);
        assertThat(PatternState.uid(p, "k", Matcher.SEQUENCE))
                .isEqualTo("sequence" + cep.substring("pattern".length()));
    }
}
