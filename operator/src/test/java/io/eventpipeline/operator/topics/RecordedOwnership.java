package io.eventpipeline.operator.topics;

import io.eventpipeline.operator.api.TopicStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Ownership kept in memory, with every claim and release recorded in order, for tests. */
final class RecordedOwnership implements TopicOwnership {
    final Map<String, TopicStatus> confirmed = new TreeMap<>();
    final Set<String> claimed = new TreeSet<>();
    final List<String> writes = new ArrayList<>();

    RecordedOwnership(Map<String, TopicStatus> confirmed) {
        this.confirmed.putAll(confirmed);
    }

    @Override
    public Map<String, TopicStatus> confirmed() {
        return confirmed;
    }

    @Override
    public Set<String> claimed() {
        return claimed;
    }

    @Override
    public void claim(Set<String> names) {
        claimed.addAll(names);
        writes.add("claim " + new TreeSet<>(names));
    }

    @Override
    public void release(Set<String> names) {
        claimed.removeAll(names);
        writes.add("release " + new TreeSet<>(names));
    }

    @Override
    public void confirm(Collection<TopicStatus> topics) {
        topics.forEach(t -> confirmed.put(t.getName(), t));
    }
}
