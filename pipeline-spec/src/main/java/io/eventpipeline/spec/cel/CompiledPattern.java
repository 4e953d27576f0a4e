package io.eventpipeline.spec.cel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Every expression of one pattern, compiled: each step's {@code where} and {@code until} (by step
 * index) and the {@code emit} projection. Thread-safe and serializable.
 */
public final class CompiledPattern implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final ArrayList<CompiledCondition> where;
    private final ArrayList<CompiledCondition> until;
    private final CompiledProjection emit;

    CompiledPattern(
            String name,
            List<CompiledCondition> where,
            List<CompiledCondition> until,
            CompiledProjection emit) {
        this.name = name;
        this.where = new ArrayList<>(where);
        this.until = new ArrayList<>(until);
        this.emit = emit;
    }

    public String name() {
        return name;
    }

    /** The number of steps. */
    public int stepCount() {
        return where.size();
    }

    /** Step {@code stepIndex}'s where condition. */
    public CompiledCondition where(int stepIndex) {
        return where.get(stepIndex);
    }

    /** Step {@code stepIndex}'s until condition, if it has one. */
    public Optional<CompiledCondition> until(int stepIndex) {
        return Optional.ofNullable(until.get(stepIndex));
    }

    /** The emit projection; empty when the pattern has no emit. */
    public CompiledProjection emit() {
        return emit;
    }

    /** The where conditions, by step index. */
    public List<CompiledCondition> whereConditions() {
        return Collections.unmodifiableList(where);
    }
}
