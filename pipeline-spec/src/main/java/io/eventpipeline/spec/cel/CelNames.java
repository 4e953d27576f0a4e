package io.eventpipeline.spec.cel;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Which names can be CEL variables: step names become variables holding a step's events. */
public final class CelNames {
    /** The variable holding the current event in a condition. */
    public static final String EVENT = "event";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    // The CEL language definition's keywords and reserved words: the parser rejects them as names.
    private static final Set<String> RESERVED =
            Set.of(
                    "true",
                    "false",
                    "null",
                    "in",
                    "as",
                    "break",
                    "const",
                    "continue",
                    "else",
                    "for",
                    "function",
                    "if",
                    "import",
                    "let",
                    "loop",
                    "package",
                    "namespace",
                    "return",
                    "var",
                    "void",
                    "while");

    // Built-in type names: a variable of that name would hide the type and its conversion
    // function (int(x), string(x), ...), which is never what the author meant.
    private static final Set<String> TYPE_NAMES =
            Set.of(
                    "bool",
                    "bytes",
                    "double",
                    "int",
                    "uint",
                    "string",
                    "list",
                    "map",
                    "null_type",
                    "type",
                    "dyn");

    private CelNames() {}

    /** A CEL identifier: a letter or '_' then letters, digits or '_'. */
    public static boolean isIdentifier(String name) {
        return name != null && IDENTIFIER.matcher(name).matches();
    }

    /**
     * Why {@code name} cannot be a variable in a pipeline's expressions, or empty when it can. The
     * reason is a sentence fragment fit to follow the name in a message.
     */
    public static Optional<String> whyNotVariable(String name) {
        if (!isIdentifier(name)) {
            return Optional.of(
                    "is not a CEL identifier (a letter or '_', then letters, digits or '_')");
        }
        if (EVENT.equals(name)) {
            return Optional.of("is reserved: conditions use 'event' for the current event");
        }
        if (RESERVED.contains(name)) {
            return Optional.of("is a reserved word in CEL");
        }
        if (TYPE_NAMES.contains(name)) {
            return Optional.of("is a CEL type name and would hide the type");
        }
        return Optional.empty();
    }

    /** A name that {@link #whyNotVariable} accepts. */
    public static boolean isVariable(String name) {
        return whyNotVariable(name).isEmpty();
    }
}
