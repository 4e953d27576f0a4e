package io.eventpipeline.testsupport.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of Kubernetes JSONPath that printer columns use: {@code .a.b}, {@code [2]}, {@code [*]}
 * and a filter {@code [?(@.type=="Ready")]} (with {@code ==} or {@code !=}). Anything else is
 * refused when the path is read, so a CRD using more fails a test instead of showing empty cells.
 */
final class ColumnPath {
    private sealed interface Step permits Field, Index, All, Filter {}

    private record Field(String name) implements Step {}

    private record Index(int index) implements Step {}

    private record All() implements Step {}

    private record Filter(List<String> fieldPath, boolean equal, String value) implements Step {}

    private final List<Step> steps;

    private ColumnPath(List<Step> steps) {
        this.steps = steps;
    }

    static ColumnPath parse(String path) {
        List<Step> steps = new ArrayList<>();
        int at = 0;
        while (at < path.length()) {
            char c = path.charAt(at);
            if (c == '.') {
                int end = at + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                steps.add(new Field(path.substring(at + 1, end)));
                at = end;
            } else if (c == '[') {
                int end = path.indexOf(']', at);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed [ in " + path);
                }
                steps.add(bracket(path.substring(at + 1, end), path));
                at = end + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' in " + path);
            }
        }
        return new ColumnPath(List.copyOf(steps));
    }

    private static Step bracket(String inside, String path) {
        if (inside.equals("*")) {
            return new All();
        }
        if (inside.startsWith("?(@.") && inside.endsWith(")")) {
            String condition = inside.substring(4, inside.length() - 1);
            boolean equal = condition.contains("==");
            String[] sides = condition.split(equal ? "==" : "!=", 2);
            if (sides.length != 2) {
                throw new IllegalArgumentException("unsupported filter in " + path);
            }
            String value = sides[1].trim();
            if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            return new Filter(List.of(sides[0].trim().split("\\.")), equal, value);
        }
        try {
            return new Index(Integer.parseInt(inside));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unsupported [" + inside + "] in " + path);
        }
    }

    /** Every value the path reaches in the object, in order; none when a step finds nothing. */
    List<JsonNode> values(JsonNode object) {
        List<JsonNode> current = List.of(object);
        for (Step step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                if (step instanceof Field f) {
                    if (node.has(f.name())) {
                        next.add(node.get(f.name()));
                    }
                } else if (step instanceof Index i) {
                    if (node.isArray() && node.has(i.index())) {
                        next.add(node.get(i.index()));
                    }
                } else if (node.isArray()) {
                    Filter filter = step instanceof Filter f ? f : null;
                    node.forEach(
                            item -> {
                                if (filter == null || matches(item, filter)) {
                                    next.add(item);
                                }
                            });
                }
            }
            current = next;
        }
        return current;
    }

    private static boolean matches(JsonNode item, Filter filter) {
        JsonNode node = item;
        for (String name : filter.fieldPath()) {
            node = node.path(name);
        }
        boolean same = node.isValueNode() && node.asText().equals(filter.value());
        return same == filter.equal();
    }
}
