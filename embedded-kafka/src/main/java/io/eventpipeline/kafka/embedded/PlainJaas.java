package io.eventpipeline.kafka.embedded;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Builds {@code sasl.jaas.config} values for the SASL/PLAIN mechanism. */
final class PlainJaas {

    private static final String LOGIN_MODULE =
            "org.apache.kafka.common.security.plain.PlainLoginModule required";

    /**
     * Server-side user names become part of an option name ({@code user_<name>}), which Kafka's
     * JAAS parser only accepts as a plain word.
     */
    private static final Pattern SERVER_USER_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private PlainJaas() {}

    /** The broker side: one {@code user_<name>="<password>"} option per accepted user. */
    static String serverConfig(Map<String, String> usernameToPassword) {
        if (usernameToPassword.isEmpty()) {
            throw new IllegalArgumentException("SASL/PLAIN needs at least one user");
        }
        StringBuilder jaas = new StringBuilder(LOGIN_MODULE);
        // Sorted: the same users always give the same config text.
        new TreeMap<>(usernameToPassword)
                .forEach(
                        (user, password) -> {
                            if (!SERVER_USER_NAME.matcher(user).matches()) {
                                throw new IllegalArgumentException(
                                        "SASL user name must match "
                                                + SERVER_USER_NAME
                                                + ": '"
                                                + user
                                                + "'");
                            }
                            jaas.append(" user_").append(user).append('=').append(quote(password));
                        });
        return jaas.append(';').toString();
    }

    /** The client side: log in as one user. */
    static String clientConfig(String username, String password) {
        return LOGIN_MODULE + " username=" + quote(username) + " password=" + quote(password) + ";";
    }

    /** JAAS values are double-quoted strings in which backslash escapes the next character. */
    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
