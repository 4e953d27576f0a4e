package io.eventpipeline.spec.cel;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns CEL results into plain JSON-ready Java values (null, Boolean, Long, Double, String,
 * BigInteger, List, Map with string keys), so that match records serialize with any JSON mapper.
 */
final class CelValues {
    private CelValues() {}

    static Object toPlain(Object value) {
        if (value == null || value instanceof NullValue) {
            return null;
        }
        if (value instanceof Boolean
                || value instanceof Long
                || value instanceof Double
                || value instanceof String) {
            return value;
        }
        if (value instanceof UnsignedLong unsigned) {
            return unsigned.compareTo(UnsignedLong.valueOf(Long.MAX_VALUE)) <= 0
                    ? (Object) unsigned.longValue()
                    : unsigned.bigIntegerValue();
        }
        if (value instanceof CelByteString bytes) {
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof Duration duration) {
            return durationText(duration);
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(CelValues::toPlain).orElse(null);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> plain = new LinkedHashMap<>();
            map.forEach((k, v) -> plain.put(String.valueOf(toPlain(k)), toPlain(v)));
            return plain;
        }
        if (value instanceof Collection<?> list) {
            List<Object> plain = new ArrayList<>(list.size());
            list.forEach(v -> plain.add(toPlain(v)));
            return plain;
        }
        return value.toString();
    }

    // CEL's own spelling of a duration: seconds with an 's', e.g. "5400s", "0.5s".
    private static String durationText(Duration duration) {
        if (duration.getNano() == 0) {
            return duration.getSeconds() + "s";
        }
        return new java.math.BigDecimal(duration.getSeconds())
                        .add(java.math.BigDecimal.valueOf(duration.getNano(), 9))
                        .stripTrailingZeros()
                        .toPlainString()
                + "s";
    }
}
