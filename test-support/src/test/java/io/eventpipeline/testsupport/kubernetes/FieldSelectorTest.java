package io.eventpipeline.testsupport.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FieldSelectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyTermMustHoldOnNestedFields() throws Exception {
        JsonNode event =
                JSON.readTree(
                        "{\"involvedObject\":{\"kind\":\"EventPipeline\",\"name\":\"a\"},\"type\":\"Normal\"}");

        assertThat(
                        FieldSelector.parse(
                                        "involvedObject.kind=EventPipeline,involvedObject.name==a")
                                .matches(event))
                .isTrue();
        assertThat(
                        FieldSelector.parse(
                                        "involvedObject.kind=EventPipeline,involvedObject.name=b")
                                .matches(event))
                .isFalse();
        assertThat(FieldSelector.parse("type!=Warning").matches(event)).isTrue();
        assertThat(FieldSelector.parse("involvedObject.uid=").matches(event)).isTrue();
    }

    @Test
    void aTermWithoutOperatorIsRefused() {
        assertThatThrownBy(() -> FieldSelector.parse("involvedObject.name"))
                .hasMessageContaining("involvedObject.name");
    }
}
