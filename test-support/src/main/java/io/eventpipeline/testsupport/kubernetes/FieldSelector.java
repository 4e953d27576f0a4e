package io.eventpipeline.testsupport.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A field selector ({@code involvedObject.name=x,involvedObject.kind!=Pod}) as the API server reads
 * it: every term must hold; a field absent from the object reads as the empty string.
 */
record FieldSelector(List<Term> terms) {
    record Term(String field, String value, boolean equal) {
        boolean matches(JsonNode object) {
            JsonNode node = object;
            for (String part : field.split("\\.")) {
                node = node.path(part);
            }
            String actual = node.isValueNode() ? node.asText() : "";
            return actual.equals(value) == equal;
        }
    }

    static FieldSelector parse(String selector) {
        List<Term> terms = new ArrayList<>();
        for (String term : selector.split(",")) {
            if (term.isBlank()) {
                continue;
            }
            int not = term.indexOf("!=");
            if (not >= 0) {
                terms.add(new Term(term.substring(0, not), term.substring(not + 2), false));
                continue;
            }
            int eq = term.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("invalid field selector term: " + term);
            }
            String value = term.substring(eq + 1);
            terms.add(
                    new Term(
                            term.substring(0, eq),
                            value.startsWith("=") ? value.substring(1) : value,
                            true));
        }
        return new FieldSelector(terms);
    }

    boolean matches(JsonNode object) {
        return terms.stream().allMatch(t -> t.matches(object));
    }
}
