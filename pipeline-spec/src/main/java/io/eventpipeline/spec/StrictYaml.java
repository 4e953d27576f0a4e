package io.eventpipeline.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way this project reads a YAML file a user wrote (an EventPipeline for {@code render} and
 * {@code test}, the sandbox's examples). Whatever YAML could make mean something other than what a
 * reader sees is refused with its line and column, never guessed:
 *
 * <ul>
 *   <li>anchors and aliases ({@code &name}, {@code *name}, {@code <<: *name}): the YAML library
 *       this project uses reads an alias as the literal text of its name;
 *   <li>a key written twice in one mapping: one of the two values would be lost;
 *   <li>a second document ({@code ---} then more): only one would be read;
 *   <li>a file that is not UTF-8: reported with the file's name.
 * </ul>
 */
public final class StrictYaml {
    private static final ObjectMapper MAPPER =
            YAMLMapper.builder(YAMLFactory.builder().build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

    private StrictYaml() {}

    /** Why a text is not YAML this project reads, with where. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * Reads the one document of a YAML (or JSON) text.
     *
     * @return its tree; null when the text holds no document at all
     * @throws Refused with the line and column of what is wrong
     */
    public static JsonNode readTree(String text) throws Refused {
        try (JsonParser parser = new NoAnchors(MAPPER.getFactory().createParser(text))) {
            if (parser.nextToken() == null) {
                return null;
            }
            JsonNode root = MAPPER.readTree(parser);
            if (hasAnotherDocument(parser)) {
                throw new Refused(
                        at(parser.currentLocation())
                                + "a second YAML document: a file holds exactly one (remove the"
                                + " '---' and what follows, or put it in its own file)");
            }
            return root;
        } catch (Refused e) {
            throw e;
        } catch (AnchorException e) {
            throw new Refused(at(e.getLocation()) + e.getOriginalMessage());
        } catch (StreamReadException e) {
            Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
            String what =
                    duplicate.matches()
                            ? "key '"
                                    + duplicate.group(1)
                                    + "' is written twice in one mapping: keep one"
                            : "not valid YAML: " + firstLine(e.getOriginalMessage());
            throw new Refused(at(e.getLocation()) + what);
        } catch (IOException e) {
            throw new Refused("not valid YAML: " + firstLine(e.getMessage()));
        }
    }

    /**
     * A file's text, which must be UTF-8 (a byte-order mark is dropped).
     *
     * @throws IOException when it cannot be read, or is not UTF-8: the message names the file
     */
    public static String readFile(Path file) throws IOException {
        return readUtf8(Files.readAllBytes(file), file.toString());
    }

    /**
     * Bytes from a named source (a file, standard input) as text, which must be UTF-8 (a byte-order
     * mark is dropped).
     *
     * @throws IOException when they are not UTF-8: the message names the source
     */
    public static String readUtf8(byte[] bytes, String source) throws IOException {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new IOException(
                    source
                            + " is not UTF-8 text: byte "
                            + String.format("0x%02X", bytes[in.position()] & 0xFF)
                            + " at offset "
                            + in.position()
                            + " (save the file as UTF-8)");
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    // A '---' that ends the file starts an empty document: that is no second document.
    private static boolean hasAnotherDocument(JsonParser parser) throws IOException {
        JsonToken next = parser.nextToken();
        if (next == null) {
            return false;
        }
        boolean empty =
                next == JsonToken.VALUE_NULL
                        || (next == JsonToken.VALUE_STRING && parser.getText().isEmpty());
        return !empty || parser.nextToken() != null;
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1
                ? ""
                : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** Refuses the first anchor or alias the parser meets. */
    private static final class NoAnchors extends JsonParserDelegate {
        NoAnchors(JsonParser delegate) {
            super(delegate);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            YAMLParser yaml = (YAMLParser) delegate;
            if (token != null && yaml.isCurrentAlias()) {
                throw new AnchorException(yaml, "alias '*" + yaml.getText() + "'");
            }
            if (token != null && yaml.getObjectId() != null) {
                throw new AnchorException(yaml, "anchor '&" + yaml.getObjectId() + "'");
            }
            return token;
        }

        @Override
        public JsonToken nextValue() throws IOException {
            JsonToken token = nextToken();
            return token == JsonToken.FIELD_NAME ? nextToken() : token;
        }
    }

    private static final class AnchorException extends JsonParseException {
        AnchorException(JsonParser parser, String what) {
            super(
                    parser,
                    what
                            + ": anchors and aliases are not supported; write the value out in"
                            + " full");
        }
    }
}
