package io.eventpipeline.spec.validation;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A Kubernetes memory quantity as a spec writes it ({@link Names#MEMORY}), in bytes, and the range
 * a Flink pod's memory must be in. The Flink Kubernetes Operator turns the quantity into a byte
 * count Flink reads as a long: an absurd value would overflow there instead of being refused here.
 */
final class MemoryQuantity {
    static final String MIN = "1Mi";
    static final String MAX = "1Ti";

    private static final Map<String, BigDecimal> UNITS =
            Map.of(
                    "", BigDecimal.ONE,
                    "k", BigDecimal.valueOf(1_000L),
                    "M", BigDecimal.valueOf(1_000_000L),
                    "G", BigDecimal.valueOf(1_000_000_000L),
                    "T", BigDecimal.valueOf(1_000_000_000_000L),
                    "Ki", BigDecimal.valueOf(1L << 10),
                    "Mi", BigDecimal.valueOf(1L << 20),
                    "Gi", BigDecimal.valueOf(1L << 30),
                    "Ti", BigDecimal.valueOf(1L << 40));

    private MemoryQuantity() {}

    /** Bytes of a quantity that matches {@link Names#MEMORY}. */
    static BigDecimal bytes(String quantity) {
        int unitStart = quantity.length();
        while (unitStart > 0 && Character.isLetter(quantity.charAt(unitStart - 1))) {
            unitStart--;
        }
        BigDecimal number = new BigDecimal(quantity.substring(0, unitStart));
        return number.multiply(UNITS.get(quantity.substring(unitStart)));
    }

    static boolean isWithinBounds(String quantity) {
        BigDecimal bytes = bytes(quantity);
        return bytes.compareTo(bytes(MIN)) >= 0 && bytes.compareTo(bytes(MAX)) <= 0;
    }
}
