package io.eventpipeline.spec;

import static io.eventpipeline.spec.Documents.MINIMAL;
import static io.eventpipeline.spec.Documents.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YAML that could be read as something other than what it says is refused, with where. */
class StrictYamlTest {

    private static ValidationProblem onlyProblem(String document) {
        try {
            PipelineDefinition.parse(document);
        } catch (InvalidPipelineException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().get(0);
        }
        throw new AssertionError("accepted: " + document);
    }

    @Test
    void anAliasIsRefusedNotReadAsItsName() {
        String document =
                pipeline(
                        """
                        input: {topic: &t events, key: id}
                        patterns:
                          - name: p
                            steps:
                              - {name: a, where: "event.type == 'A'"}
                        output: {topic: *t}
                        """);
        assertThat(onlyProblem(document))
                .isEqualTo(
                        new ValidationProblem(
                                "(document)",
                                "line 10, column 21: alias '*t': anchors and aliases are not"
                                        + " supported; write the value out in full"));
    }

    @Test
    void aMergeKeyIsRefused() {
        String document =
                """
                apiVersion: eventpipeline.io/v1alpha1
                kind: EventPipeline
                metadata: {name: test}
                spec:
                  input: {topic: events, key: id}
                  patterns: [{name: p, steps: [{name: a, where: "true"}]}]
                  output:
                    <<: *base
                """;
        assertThat(onlyProblem(document).message())
                .isEqualTo(
                        "line 8, column 14: alias '*base': anchors and aliases are not supported;"
                                + " write the value out in full");
    }

    @Test
    void anAnchoredMappingIsRefused() {
        String document = pipeline(MINIMAL.replace("output: {", "output: &out {"));
        assertThat(onlyProblem(document).message())
                .isEqualTo(
                        "line 10, column 17: anchor '&out': anchors and aliases are not supported;"
                                + " write the value out in full");
    }

    @Test
    void aKeyWrittenTwiceIsRefused() {
        String document = pipeline(MINIMAL + "output: {topic: other}\n");
        assertThat(onlyProblem(document))
                .isEqualTo(
                        new ValidationProblem(
                                "(document)",
                                "line 11, column 9: key 'output' is written twice in one mapping:"
                                        + " keep one"));
    }

    @Test
    void aSecondDocumentIsRefused() {
        String document = pipeline(MINIMAL) + "---\n" + pipeline("other", MINIMAL);
        assertThat(onlyProblem(document))
                .isEqualTo(
                        new ValidationProblem(
                                "(document)",
                                "line 12, column 1: a second YAML document: a file holds exactly"
                                        + " one (remove the '---' and what follows, or put it in"
                                        + " its own file)"));
    }

    @Test
    void documentMarkersAroundOneDocumentAreFine() throws Exception {
        PipelineDefinition definition =
                PipelineDefinition.parse("---\n" + pipeline(MINIMAL) + "---\n");
        assertThat(definition.spec().getOutput().getTopic()).isEqualTo("alerts");
    }

    @Test
    void anUnknownTopLevelFieldIsRefusedLikeAnUnknownSpecField() {
        String document = pipeline(MINIMAL).replace("spec:", "specs:\n  x: 1\nspec:");
        assertThat(onlyProblem(document))
                .isEqualTo(new ValidationProblem("specs", "unknown field 'specs'"));
    }

    @Test
    void statusAsKubectlWritesItIsIgnored() throws Exception {
        PipelineDefinition definition =
                PipelineDefinition.parse(pipeline(MINIMAL) + "status: {phase: Running}\n");
        assertThat(definition.name()).isEqualTo("test");
    }

    @Test
    void aFileThatIsNotUtf8IsReportedWithItsName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.yaml");
        byte[] text =
                pipeline(MINIMAL.replace("alerts", "caf\u00e9"))
                        .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, text);
        int offset = new String(text, StandardCharsets.ISO_8859_1).indexOf('\u00e9');
        assertThatThrownBy(() -> StrictYaml.readFile(file))
                .isInstanceOf(IOException.class)
                .hasMessage(
                        file
                                + " is not UTF-8 text: byte 0xE9 at offset "
                                + offset
                                + " (save the file as UTF-8)");
    }

    @Test
    void aUtf8FileIsReadWithoutItsByteOrderMark(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bom.yaml");
        Files.writeString(file, "\uFEFF" + pipeline(MINIMAL.replace("alerts", "caf\u00e9")));
        PipelineDefinition definition = PipelineDefinition.parse(StrictYaml.readFile(file));
        assertThat(definition.spec().getOutput().getTopic()).isEqualTo("caf\u00e9");
    }
}
