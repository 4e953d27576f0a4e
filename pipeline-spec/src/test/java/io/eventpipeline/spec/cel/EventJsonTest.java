package io.eventpipeline.spec.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.values.NullValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void readsTheTypesCelHandles() throws Exception {
        Map<String, Object> event =
                EventJson.parse(
                        "{\"i\":1,\"l\":9000000000,\"d\":1.5,\"e\":1e3,\"s\":\"x\",\"t\":true,"
                                + "\"n\":null,\"huge\":123456789012345678901234567890,"
                                + "\"o\":{\"a\":[1,{\"b\":false}]}}");
        assertThat(event.get("i")).isEqualTo(1L);
        assertThat(event.get("l")).isEqualTo(9_000_000_000L);
        assertThat(event.get("d")).isEqualTo(1.5);
        assertThat(event.get("e")).isEqualTo(1000.0);
        assertThat(event.get("s")).isEqualTo("x");
        assertThat(event.get("t")).isEqualTo(true);
        assertThat(event.get("n")).isSameAs(NullValue.NULL_VALUE);
        assertThat(event.get("huge")).isInstanceOf(Double.class);
        assertThat(event.get("o")).isEqualTo(Map.of("a", List.of(1L, Map.of("b", false))));
        assertThat(event.keySet()).containsExactly("i", "l", "d", "e", "s", "t", "n", "huge", "o");
    }

    @Test
    void readingSomeFieldsBuildsOnlyThoseAndRejectsWhatAFullReadRejects() throws Exception {
        byte[] json =
                "{\"a\":1,\"skip\":{\"deep\":[1,2,{\"x\":\"\u00e9\"}]},\"b\":[true],\"c\":\"s\"}"
                        .getBytes(StandardCharsets.UTF_8);
        assertThat(EventJson.parseFields(json, java.util.Set.of("a", "b", "absent")))
                .containsExactly(Map.entry("a", 1L), Map.entry("b", List.of(true)));
        for (String bad :
                List.of(
                        "{\"a\":1,\"skip\":[1,}",
                        "{\"a\":1,\"skip\":tru}",
                        "{\"a\":1,\"skip\":\"unterminated}",
                        "{\"a\":1} {\"b\":2}",
                        "[1]")) {
            byte[] text = bad.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> EventJson.parse(text)).as(bad).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> EventJson.parseFields(text, java.util.Set.of("a")))
                    .as(bad)
                    .isInstanceOf(IOException.class);
        }
        byte[] invalidUtf8 = {'{', '"', 's', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};
        assertThatThrownBy(() -> EventJson.parse(invalidUtf8)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> EventJson.parseFields(invalidUtf8, java.util.Set.of()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void writesEventsBackAsTheSameJson() throws Exception {
        String json = "{\"a\":1,\"b\":null,\"c\":[1.5,\"x\"],\"d\":{\"e\":true}}";
        Map<String, Object> event = EventJson.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(EventJson.mapper().writeValueAsString(event)).isEqualTo(json);
    }

    @Test
    void rejectsWhatIsNotOneObject() {
        for (String bad : List.of("[1]", "42", "{\"a\":1} {\"b\":2}", "{\"a\":", "")) {
            assertThatThrownBy(() -> EventJson.parse(bad)).as(bad).isInstanceOf(IOException.class);
        }
    }
}
