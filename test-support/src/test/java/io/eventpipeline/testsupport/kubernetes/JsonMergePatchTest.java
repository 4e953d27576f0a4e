package io.eventpipeline.testsupport.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** RFC 7386: the cases kubectl's patches depend on. */
class JsonMergePatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String apply(String target, String patch) throws Exception {
        JsonNode result = JsonMergePatch.apply(JSON.readTree(target), JSON.readTree(patch));
        return result.toString();
    }

    @Test
    void listsAreReplacedWholeNotAppended() throws Exception {
        assertThat(apply("{\"a\":[{\"n\":1}],\"b\":1}", "{\"a\":[{\"n\":1}]}"))
                .isEqualTo("{\"a\":[{\"n\":1}],\"b\":1}");
        assertThat(apply("{\"a\":[1,2,3]}", "{\"a\":[4]}")).isEqualTo("{\"a\":[4]}");
    }

    @Test
    void objectsMergeAndNullDeletes() throws Exception {
        assertThat(apply("{\"s\":{\"x\":1,\"y\":2}}", "{\"s\":{\"y\":null,\"z\":3}}"))
                .isEqualTo("{\"s\":{\"x\":1,\"z\":3}}");
        assertThat(apply("{\"s\":1}", "{\"s\":{\"x\":null,\"y\":2}}"))
                .isEqualTo("{\"s\":{\"y\":2}}");
    }
}
