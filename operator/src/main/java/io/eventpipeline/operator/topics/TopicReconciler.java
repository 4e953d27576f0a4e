package io.eventpipeline.operator.topics;

import io.eventpipeline.operator.api.TopicStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Brings a pipeline's topics to its plan: decides everything from one describe, then writes once
 * (one create, one add-partitions and one set-configs request at most). Only topics the operator
 * created are ever altered; partitions are raised, never lowered.
 */
public final class TopicReconciler {

    /**
     * @param createdBefore the topics this operator created for the pipeline earlier, by name, with
     *     the status last reported for each
     */
    public TopicsOutcome reconcile(
            TopicPlan plan, TopicAdmin admin, Map<String, TopicStatus> createdBefore) {
        // Configs are only compared on topics we created that the spec sets configs for.
        List<String> configsChecked =
                plan.topics().stream()
                        .filter(t -> owned(t, createdBefore) && !t.config().isEmpty())
                        .map(DesiredTopic::name)
                        .toList();
        Map<String, ExistingTopic> existing = admin.describe(plan.names(), configsChecked);

        List<DesiredTopic> toCreate = new ArrayList<>();
        Map<String, Integer> toGrow = new TreeMap<>();
        Map<String, Map<String, String>> toConfigure = new TreeMap<>();
        Map<String, TopicStatus> statuses = new TreeMap<>();

        for (DesiredTopic topic : plan.topics()) {
            ExistingTopic found = existing.get(topic.name());
            boolean owned = owned(topic, createdBefore);
            TopicStatus status =
                    new TopicStatus()
                            .setName(topic.name())
                            .setRole(topic.role().specField())
                            .setCreated(owned ? Boolean.TRUE : null);
            statuses.put(topic.name(), status);
            if (found == null) {
                if (topic.create()) {
                    toCreate.add(topic);
                } else {
                    status.setReady(false)
                            .setMessage(
                                    "does not exist, and spec."
                                            + topic.role().specField()
                                            + ".create is false: create it, or set create: true");
                }
                continue;
            }
            status.setReady(true).setPartitions(found.partitions());
            if (!owned) {
                continue;
            }
            topic.partitions()
                    .ifPresent(
                            wanted -> {
                                if (wanted > found.partitions()) {
                                    toGrow.put(topic.name(), wanted);
                                    status.setPartitions(wanted);
                                } else if (wanted < found.partitions()) {
                                    status.setMessage(
                                            "has "
                                                    + found.partitions()
                                                    + " partitions, more than the "
                                                    + wanted
                                                    + " asked: partitions are never lowered");
                                }
                            });
            Map<String, String> drifted = new TreeMap<>();
            topic.config()
                    .forEach(
                            (key, value) -> {
                                if (!value.equals(found.configs().get(key))) {
                                    drifted.put(key, value);
                                }
                            });
            if (!drifted.isEmpty()) {
                toConfigure.put(topic.name(), drifted);
            }
        }

        int writes = 0;
        if (!toCreate.isEmpty()) {
            Map<String, Integer> created = admin.create(toCreate);
            writes++;
            for (DesiredTopic topic : toCreate) {
                TopicStatus status = statuses.get(topic.name()).setReady(true);
                Integer partitions = created.get(topic.name());
                if (partitions != null) {
                    status.setCreated(true).setPartitions(partitions);
                } else if (Boolean.TRUE.equals(status.getCreated())) {
                    // Ours, created by an earlier reconcile: the broker that answered the describe
                    // had not caught up with it yet. Report what was reported before, not a
                    // newcomer, or the status would flap until the broker catches up.
                    Integer known = createdBefore.get(topic.name()).getPartitions();
                    status.setPartitions(known != null ? known : topic.partitions().orElse(null));
                } else {
                    status.setMessage("appeared while being created; used as is");
                }
            }
        }
        if (!toGrow.isEmpty()) {
            admin.addPartitions(toGrow);
            writes++;
        }
        if (!toConfigure.isEmpty()) {
            admin.setConfigs(toConfigure);
            writes++;
        }
        List<TopicStatus> ordered = new ArrayList<>();
        for (DesiredTopic topic : plan.topics()) {
            ordered.add(statuses.get(topic.name()));
        }
        return new TopicsOutcome(ordered, writes);
    }

    private static boolean owned(DesiredTopic topic, Map<String, TopicStatus> createdBefore) {
        return topic.create() && createdBefore.containsKey(topic.name());
    }

    /** Deletes the topics the operator created (the deletion policy was checked by the caller). */
    public void deleteCreated(TopicAdmin admin, Set<String> created) {
        admin.delete(created);
    }
}
