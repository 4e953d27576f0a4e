package io.eventpipeline.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.UncheckedIOException;

/**
 * Canonical JSON that passes through Flink's legacy configuration file unchanged: ASCII only, and
 * '#' (a comment there) written as {@code \u0023}. Any JSON reader reads it as the same document.
 */
final class FlinkSafeJson {
    private static final ObjectWriter WRITER =
            PipelineJson.json()
                    .writer()
                    .with(JsonWriteFeature.ESCAPE_NON_ASCII)
                    .with(new HashEscapes());

    private FlinkSafeJson() {}

    static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class HashEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        HashEscapes() {
            ascii['#'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
