package io.eventpipeline.job.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.spec.PipelineJson;
import io.eventpipeline.spec.model.PatternSpec;
import org.junit.jupiter.api.Test;

class OperatorUidsTest {
    private static PatternSpec pattern(String where) throws Exception {
        return PipelineJson.yaml()
                .readValue(
                        "{name: p, steps: [{name: a, where: \"" + where + "\"}]}",
                        PatternSpec.class);
    }

    @Test
    void aPatternsUidChangesExactlyWhenItsDefinitionOrTheKeyChanges() throws Exception {
        String uid = OperatorUids.pattern(pattern("event.x == 1"), "k");
        assertThat(uid).startsWith("pattern-p-").hasSize("pattern-p-".length() + 16);
        assertThat(OperatorUids.pattern(pattern("event.x == 1"), "k")).isEqualTo(uid);
        assertThat(OperatorUids.pattern(pattern("event.x == 2"), "k")).isNotEqualTo(uid);
        assertThat(OperatorUids.pattern(pattern("event.x == 1"), "other")).isNotEqualTo(uid);
    }

    @Test
    void theSequenceMatchersUidDiffersFromCepsForTheSamePattern() throws Exception {
        String cep = OperatorUids.pattern(pattern("event.x == 1"), "k");
        String sequence = OperatorUids.sequence(pattern("event.x == 1"), "k");
        assertThat(sequence).isEqualTo("sequence" + cep.substring("pattern".length()));
        assertThat(OperatorUids.sequence(pattern("event.x == 2"), "k")).isNotEqualTo(sequence);
    }
}
