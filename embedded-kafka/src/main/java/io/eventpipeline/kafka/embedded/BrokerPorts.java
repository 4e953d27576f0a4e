package io.eventpipeline.kafka.embedded;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The broker's three ports, fixed once (free ones picked for every 0) and kept for the broker's
 * lifetime so that a restart comes back on the same addresses.
 *
 * @param plaintext the PLAINTEXT client (and inter-broker) listener
 * @param sasl the SASL_PLAINTEXT listener, if configured
 * @param controller the KRaft controller listener
 */
record BrokerPorts(int plaintext, OptionalInt sasl, int controller) {

    static final String PLAINTEXT_LISTENER = "PLAINTEXT";
    static final String SASL_LISTENER = "SASL_PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** Resolves requested ports, where 0 means "any free port". */
    static BrokerPorts resolve(int plaintext, boolean withSasl, int sasl) {
        Set<Integer> fixed = new HashSet<>();
        int wanted = 1; // the controller port is always picked
        if (plaintext == 0) {
            wanted++;
        } else {
            fixed.add(plaintext);
        }
        if (withSasl) {
            if (sasl == 0) {
                wanted++;
            } else {
                fixed.add(sasl);
            }
        }
        if (withSasl && plaintext != 0 && plaintext == sasl) {
            throw new IllegalArgumentException("PLAINTEXT and SASL ports must differ: " + sasl);
        }
        List<Integer> picked = new ArrayList<>(FreePorts.pick(wanted, fixed));
        int controllerPort = picked.remove(0);
        int plaintextPort = plaintext == 0 ? picked.remove(0) : plaintext;
        OptionalInt saslPort =
                withSasl
                        ? OptionalInt.of(sasl == 0 ? picked.remove(0) : sasl)
                        : OptionalInt.empty();
        return new BrokerPorts(plaintextPort, saslPort, controllerPort);
    }

    /** Checks every port before Kafka tries to bind, to fail with a message users understand. */
    void requireAllFree() {
        FreePorts.requireFree(plaintext, PLAINTEXT_LISTENER);
        sasl.ifPresent(port -> FreePorts.requireFree(port, SASL_LISTENER));
        FreePorts.requireFree(controller, CONTROLLER_LISTENER);
    }
}
