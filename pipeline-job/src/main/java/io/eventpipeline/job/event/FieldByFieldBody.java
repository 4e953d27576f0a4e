package io.eventpipeline.job.event;

import io.eventpipeline.spec.cel.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * An accepted event's body that reads its bytes one field at a time, as fields are asked for: an
 * expression over earlier steps' events ({@code delay[0].gate}) or an emit value usually reads one
 * or two fields of an event, and finding one field in the bytes costs a fraction of building the
 * whole body. Anything beyond {@link #get} and {@link #containsKey} (size, iteration, equality)
 * works on the whole body, parsed once. Either way the answers are those of the whole body.
 */
final class FieldByFieldBody extends AbstractMap<String, Object> {
    private static final Object ABSENT = new Object();

    private final PipelineEvent event;
    private final Map<String, Object> read = new HashMap<>(4);

    FieldByFieldBody(PipelineEvent event) {
        this.event = event;
    }

    @Override
    public Object get(Object field) {
        Object value = lookUp(field);
        return value == ABSENT ? null : value;
    }

    @Override
    public boolean containsKey(Object field) {
        return lookUp(field) != ABSENT;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return event.body().entrySet();
    }

    private Object lookUp(Object field) {
        if (!(field instanceof String name)) {
            return ABSENT;
        }
        if (event.isBodyParsed()) {
            Map<String, Object> body = event.body();
            return body.containsKey(name) ? body.get(name) : ABSENT;
        }
        return read.computeIfAbsent(name, this::readField);
    }

    private Object readField(String name) {
        try {
            Map<String, Object> only = EventJson.parseFields(event.raw(), Set.of(name));
            return only.containsKey(name) ? only.get(name) : ABSENT;
        } catch (IOException e) {
            // It was parsed from these very bytes when it was accepted.
            throw new UncheckedIOException("an accepted event no longer parses", e);
        }
    }
}
