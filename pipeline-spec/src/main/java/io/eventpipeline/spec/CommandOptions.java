package io.eventpipeline.spec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of the project's command lines ({@code render}, {@code test}), read one way: {@code
 * --name VALUE} or {@code --name=VALUE}, and {@code -h} / {@code --help}. Anything else is an error
 * naming it.
 */
public final class CommandOptions {
    /** The key under which a request for help is recorded. */
    public static final String HELP = "--help";

    private CommandOptions() {}

    /**
     * @param valued each accepted spelling of an option that takes a value, mapped to the name it
     *     is recorded under (e.g. {@code -f} and {@code --file} both to {@code --file})
     * @param required recorded names that must be given unless help is asked for, mapped to how a
     *     missing one is named in the error
     * @return recorded name to value; {@link #HELP} is present when help was asked for
     * @throws IllegalArgumentException naming the option that is unknown, lacks its value or is
     *     missing
     */
    public static Map<String, String> parse(
            List<String> args, Map<String, String> valued, Map<String, String> required) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (name.equals("-h") || name.equals(HELP)) {
                options.put(HELP, "");
            } else if (valued.containsKey(name)) {
                String value = equals < 0 ? null : arg.substring(equals + 1);
                if (value == null && i + 1 < args.size()) {
                    value = args.get(++i);
                }
                if (value == null || value.isEmpty()) {
                    throw new IllegalArgumentException(name + " needs a file");
                }
                options.put(valued.get(name), value);
            } else {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        if (!options.containsKey(HELP)) {
            required.forEach(
                    (name, shown) -> {
                        if (!options.containsKey(name)) {
                            throw new IllegalArgumentException(shown + " is required");
                        }
                    });
        }
        return options;
    }
}
