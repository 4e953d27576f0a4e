package io.eventpipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventpipeline.spec.cel.EventJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldPathTest {

    @Test
    void acceptsDottedIdentifiers() {
        assertThat(FieldPath.isValid("flightId")).isTrue();
        assertThat(FieldPath.isValid("flight.id_2")).isTrue();
        assertThat(FieldPath.isValid("_x.y")).isTrue();
        for (String bad : new String[] {"", ".a", "a.", "a..b", "1a", "a-b", "a b", "a.1"}) {
            assertThat(FieldPath.isValid(bad)).as(bad).isFalse();
        }
        assertThat(FieldPath.isValid(null)).isFalse();
        assertThatThrownBy(() -> FieldPath.of("a..b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsAFieldOfAnEvent() throws Exception {
        Map<String, Object> event =
                EventJson.parse("{\"id\":7,\"flight\":{\"no\":\"LH1\",\"gate\":null},\"s\":\"x\"}");
        assertThat(FieldPath.of("id").get(event)).isEqualTo(7L);
        assertThat(FieldPath.of("flight.no").get(event)).isEqualTo("LH1");
        assertThat(FieldPath.of("flight.gate").get(event)).isNull();
        assertThat(FieldPath.of("flight.none").get(event)).isNull();
        assertThat(FieldPath.of("s.deeper").get(event)).isNull();
    }
}
