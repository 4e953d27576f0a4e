package io.eventpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandOptionsTest {
    private static final Map<String, String> VALUED = Map.of("-f", "--file", "--file", "--file");
    private static final Map<String, String> REQUIRED = Map.of("--file", "-f FILE");

    @Test
    void aValueFollowsItsNameOrItsEqualsSignUnderAnySpelling() {
        assertThat(CommandOptions.parse(List.of("-f", "a.yaml"), VALUED, REQUIRED))
                .containsExactly(Map.entry("--file", "a.yaml"));
        assertThat(CommandOptions.parse(List.of("--file=b.yaml"), VALUED, REQUIRED))
                .containsExactly(Map.entry("--file", "b.yaml"));
    }

    @Test
    void helpNeedsNothingElse() {
        assertThat(CommandOptions.parse(List.of("-h"), VALUED, REQUIRED))
                .containsOnlyKeys(CommandOptions.HELP);
    }

    @Test
    void whatIsWrongIsNamed() {
        assertThatThrownBy(() -> CommandOptions.parse(List.of("-f"), VALUED, REQUIRED))
                .hasMessage("-f needs a file");
        assertThatThrownBy(() -> CommandOptions.parse(List.of("--file="), VALUED, REQUIRED))
                .hasMessage("--file needs a file");
        assertThatThrownBy(
                        () -> CommandOptions.parse(List.of("-f", "a", "--json"), VALUED, REQUIRED))
                .hasMessage("unknown option '--json'");
        assertThatThrownBy(() -> CommandOptions.parse(List.of(), VALUED, REQUIRED))
                .hasMessage("-f FILE is required");
    }
}
