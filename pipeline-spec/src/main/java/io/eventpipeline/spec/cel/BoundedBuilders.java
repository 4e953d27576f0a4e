package io.eventpipeline.spec.cel;

import com.google.protobuf.ByteString;
import dev.cel.common.CelOptions;
import dev.cel.common.values.CelByteString;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelFunctionOverload;
import dev.cel.runtime.CelRuntimeBuilder;
import dev.cel.runtime.CelRuntimeLibrary;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.RuntimeEquality;
import dev.cel.runtime.RuntimeHelpers;
import dev.cel.runtime.standard.AddOperator.AddOverload;
import dev.cel.runtime.standard.CelStandardOverload;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The functions that build strings bigger than their arguments, charging their result's size to the
 * {@link EvaluationBudget} before they build it: {@code +} on strings and bytes, and the strings
 * extension's {@code replace}, {@code join} and {@code quote}. CEL's own implementations run once
 * the charge is taken. Every other function's result is no bigger than its arguments or its
 * iterations, which CEL bounds.
 */
final class BoundedBuilders {
    /** The overloads wrapped here, with how each sizes its result. */
    private static final Map<String, ResultSize> SIZES =
            Map.of(
                    "add_string",
                    args -> (long) ((String) args[0]).length() + ((String) args[1]).length(),
                    "add_bytes",
                    args -> bytes(args[0]) + bytes(args[1]),
                    "string_replace_string_string",
                    BoundedBuilders::replaceSize,
                    "string_replace_string_string_int",
                    BoundedBuilders::replaceSize,
                    "list_join",
                    args -> joinSize(args[0], ""),
                    "list_join_string",
                    args -> joinSize(args[0], (String) args[1]),
                    // Each character becomes at most two ("\\", "\n"), plus the quotes.
                    "strings_quote",
                    args -> 2L * ((String) args[0]).length() + 2);

    /** How the user wrote each, for messages. */
    private static final Map<String, String> NAMES =
            Map.of(
                    "add_string", "'+'",
                    "add_bytes", "'+'",
                    "string_replace_string_string", "replace",
                    "string_replace_string_string_int", "replace",
                    "list_join", "join",
                    "list_join_string", "join",
                    "strings_quote", "strings.quote");

    private BoundedBuilders() {}

    private interface ResultSize {
        long of(Object[] args);
    }

    /**
     * Bindings that take the place of the standard library's {@code add_string} and {@code
     * add_bytes} (which the runtime must then leave out: {@link #isReplaced}) and of the strings
     * extension's growing functions. Registered before the extension, they win: a runtime keeps the
     * first binding of an overload id.
     */
    static List<CelFunctionBinding> bindings(
            CelRuntimeLibrary stringsExtension, CelOptions options) {
        List<CelFunctionBinding> originals = new ArrayList<>(bindingsOf(stringsExtension));
        originals.addAll(
                CelStandardFunctions.newBuilder()
                        .filterFunctions((function, overload) -> isReplaced(overload))
                        .build()
                        .newFunctionBindings(
                                RuntimeEquality.create(RuntimeHelpers.create(), options), options));
        List<CelFunctionBinding> bindings = new ArrayList<>();
        for (CelFunctionBinding original : originals) {
            ResultSize size = SIZES.get(original.getOverloadId());
            if (size != null) {
                bindings.add(bounded(original, size));
            }
        }
        if (bindings.size() != SIZES.size()) {
            throw new IllegalStateException(
                    "CEL no longer has each of the overloads " + SIZES.keySet());
        }
        return bindings;
    }

    /** Whether an overload (by id) charges the evaluation budget. */
    static boolean charges(String overloadId) {
        return SIZES.containsKey(overloadId);
    }

    /** Whether a standard overload is one {@link #bindings} replaces. */
    static boolean isReplaced(CelStandardOverload overload) {
        return overload == AddOverload.ADD_STRING || overload == AddOverload.ADD_BYTES;
    }

    private static CelFunctionBinding bounded(CelFunctionBinding original, ResultSize size) {
        CelFunctionOverload implementation = original.getDefinition();
        String overload = original.getOverloadId();
        String function = NAMES.getOrDefault(overload, overload);
        return CelFunctionBinding.from(
                overload,
                original.getArgTypes(),
                args -> {
                    EvaluationBudget.charge(function, size.of(args));
                    return implementation.apply(args);
                });
    }

    /** The bindings a runtime library adds, recorded from a builder that only records them. */
    private static List<CelFunctionBinding> bindingsOf(CelRuntimeLibrary library) {
        List<CelFunctionBinding> added = new ArrayList<>();
        CelRuntimeBuilder recorder =
                (CelRuntimeBuilder)
                        Proxy.newProxyInstance(
                                CelRuntimeBuilder.class.getClassLoader(),
                                new Class<?>[] {CelRuntimeBuilder.class},
                                (proxy, method, args) -> {
                                    if (!method.getName().equals("addFunctionBindings")) {
                                        throw new UnsupportedOperationException(method.getName());
                                    }
                                    if (args[0] instanceof CelFunctionBinding[] array) {
                                        added.addAll(List.of(array));
                                    } else {
                                        ((Iterable<?>) args[0])
                                                .forEach(b -> added.add((CelFunctionBinding) b));
                                    }
                                    return proxy;
                                });
        library.setRuntimeOptions(recorder);
        return added;
    }

    /** The exact length of {@code s.replace(old, new[, limit])}. */
    private static long replaceSize(Object[] args) {
        String text = (String) args[0];
        String old = (String) args[1];
        String replacement = (String) args[2];
        long limit = args.length > 3 ? (Long) args[3] : -1;
        long growth = (long) replacement.length() - old.length();
        if (growth <= 0 || limit == 0) {
            return text.length();
        }
        long count = 0;
        if (old.isEmpty()) {
            count = text.length() + 1L;
        } else {
            for (int at = text.indexOf(old); at >= 0; at = text.indexOf(old, at + old.length())) {
                count++;
            }
        }
        if (limit > 0) {
            count = Math.min(count, limit);
        }
        return text.length() + count * growth;
    }

    private static long joinSize(Object list, String separator) {
        long size = 0;
        int items = 0;
        for (Object item : (List<?>) list) {
            size += item instanceof String s ? s.length() : 0;
            items++;
        }
        return size + (long) Math.max(items - 1, 0) * separator.length();
    }

    private static long bytes(Object value) {
        if (value instanceof CelByteString bytes) {
            return bytes.size();
        }
        return value instanceof ByteString bytes ? bytes.size() : 0;
    }
}
