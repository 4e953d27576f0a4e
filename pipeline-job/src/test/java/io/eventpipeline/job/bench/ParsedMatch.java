package io.eventpipeline.job.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * What a match record says about timing: its id, and its events' numbers and times. Read with a
 * streaming parser, not as a tree: this runs beside the job, on the same cores, for every match,
 * and what it allocates is collected in the job's pauses.
 */
final class ParsedMatch {
    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    String id = "";
    long[] seqs = new long[0];
    long lastSeq = -1;
    long latestTime = Long.MIN_VALUE;

    static ParsedMatch of(byte[] matchRecord) {
        try (JsonParser parser = JSON_FACTORY.createParser(matchRecord)) {
            ParsedMatch match = new ParsedMatch();
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.getCurrentName();
                JsonToken value = parser.nextToken();
                if ("matchId".equals(field)) {
                    match.id = parser.getText();
                } else if ("events".equals(field) && value == JsonToken.START_OBJECT) {
                    match.readSteps(parser);
                } else {
                    parser.skipChildren();
                }
            }
            return match;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"step": [event, ...], ...}}, the parser on its opening brace. */
    private void readSteps(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            expect(parser.nextToken(), JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                readEvent(parser);
            }
        }
    }

    private void readEvent(JsonParser parser) throws IOException {
        long seq = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.getCurrentName();
            parser.nextToken();
            if ("seq".equals(field)) {
                seq = parser.getValueAsLong(-1);
            } else if ("ts".equals(field)) {
                latestTime = Math.max(latestTime, parser.getValueAsLong());
            } else {
                parser.skipChildren();
            }
        }
        seqs = Arrays.copyOf(seqs, seqs.length + 1);
        seqs[seqs.length - 1] = seq;
        lastSeq = Math.max(lastSeq, seq);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("a match record: " + expected + " expected, " + actual);
        }
    }
}
