package io.eventpipeline.operator.status;

import io.eventpipeline.operator.api.StatusCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Standard Kubernetes conditions, kept in a fixed order. A condition's lastTransitionTime moves
 * only when its status changes, so an unchanged pipeline gets a byte-identical status and no write.
 */
public final class Conditions {
    private final List<StatusCondition> conditions;
    private final String now;
    private final Long generation;

    /**
     * @param previous the conditions currently in status (not modified)
     * @param now RFC 3339 timestamp used for transitions
     */
    public Conditions(List<StatusCondition> previous, Long generation, String now) {
        this.conditions = new ArrayList<>(previous == null ? List.of() : previous);
        this.generation = generation;
        this.now = now;
    }

    public void set(ConditionType type, boolean ok, String reason, String message) {
        String status = ok ? "True" : "False";
        Optional<StatusCondition> existing = find(type);
        String transition =
                existing.filter(c -> status.equals(c.getStatus()))
                        .map(StatusCondition::getLastTransitionTime)
                        .orElse(now);
        StatusCondition updated =
                new StatusCondition()
                        .setType(type.name())
                        .setStatus(status)
                        .setReason(reason)
                        .setMessage(truncate(message))
                        .setLastTransitionTime(transition)
                        .setObservedGeneration(generation);
        conditions.removeIf(c -> type.name().equals(c.getType()));
        conditions.add(updated);
    }

    /** Removes a condition: kstatus' abnormal-true conditions are absent when not true. */
    public void remove(ConditionType type) {
        conditions.removeIf(c -> type.name().equals(c.getType()));
    }

    public Optional<StatusCondition> find(ConditionType type) {
        return conditions.stream().filter(c -> type.name().equals(c.getType())).findFirst();
    }

    public boolean isTrue(ConditionType type) {
        return find(type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /** The conditions in {@link ConditionType} order, then any others as they were. */
    public List<StatusCondition> toList() {
        List<StatusCondition> ordered = new ArrayList<>();
        for (ConditionType type : ConditionType.values()) {
            find(type).ifPresent(ordered::add);
        }
        conditions.stream()
                .filter(
                        c ->
                                ordered.stream()
                                        .noneMatch(o -> Objects.equals(o.getType(), c.getType())))
                .forEach(ordered::add);
        return ordered;
    }

    /** Kubernetes caps condition messages at 32768 bytes; stay well inside. */
    private static String truncate(String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= 4000 ? message : message.substring(0, 3990) + " [...]";
    }
}
