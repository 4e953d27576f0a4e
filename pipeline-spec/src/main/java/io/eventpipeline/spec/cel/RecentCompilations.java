package io.eventpipeline.spec.cel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently compiled expressions, by what decides their compilation: kind, source and
 * scope. Type-checking is most of what validating a pipeline costs, and pipelines written from one
 * template repeat the same expressions: an operator with a thousand such pipelines checks each
 * expression once instead of once per pipeline. What is kept is immutable and thread-safe, so one
 * instance serves every pipeline. Failures are not kept (their messages are built again, and they
 * are rare). Bounded: the least recently used entry goes first.
 */
final class RecentCompilations<T> {
    /** What a compilation depends on; equal keys compile to equal results. */
    record Key(String kind, String expression, ExpressionScope scope) {}

    interface Compilation<T> {
        T compile() throws ExpressionCompileException;
    }

    private final Map<Key, T> recent;

    RecentCompilations(int capacity) {
        this.recent =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Key, T> eldest) {
                        return size() > capacity;
                    }
                };
    }

    /** The kept result for the key, or the compilation's, which is then kept. */
    T get(Key key, Compilation<T> compilation) throws ExpressionCompileException {
        synchronized (recent) {
            T kept = recent.get(key);
            if (kept != null) {
                return kept;
            }
        }
        // Compiled outside the lock: two threads may both compile one key, to equal results.
        T compiled = compilation.compile();
        synchronized (recent) {
            recent.put(key, compiled);
        }
        return compiled;
    }

    int size() {
        synchronized (recent) {
            return recent.size();
        }
    }
}
