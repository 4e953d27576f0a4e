package io.eventpipeline.operator.topics;

import io.eventpipeline.operator.api.TopicStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Brings a pipeline's topics to its plan: decides everything from one describe, then writes once
 * (one create, one add-partitions and one set-configs request at most). Only topics the operator
 * created are ever altered; partitions are raised, never lowered. Before a create request, the
 * topics it creates are claimed durably ({@link TopicOwnership}), so a crash at any point leaves
 * them owned.
 */
public final class TopicReconciler {
    private final TopicCreationSteps steps;

    public TopicReconciler(TopicCreationSteps steps) {
        this.steps = steps;
    }

    /**
     * @param ownership what the operator created for the pipeline earlier, and where new claims are
     *     recorded
     */
    public TopicsOutcome reconcile(TopicPlan plan, TopicAdmin admin, TopicOwnership ownership) {
        Map<String, TopicStatus> createdBefore = ownership.confirmed();
        // Configs are only compared on topics we created that the spec sets configs for.
        List<String> configsChecked =
                plan.topics().stream()
                        .filter(t -> ownership.owns(t) && !t.config().isEmpty())
                        .map(DesiredTopic::name)
                        .toList();
        Map<String, ExistingTopic> existing = admin.describe(plan.names(), configsChecked);

        List<DesiredTopic> toCreate = new ArrayList<>();
        Map<String, Integer> toGrow = new TreeMap<>();
        Map<String, Map<String, String>> toConfigure = new TreeMap<>();
        Map<String, TopicStatus> statuses = new TreeMap<>();

        for (DesiredTopic topic : plan.topics()) {
            ExistingTopic found = existing.get(topic.name());
            // A claimed topic that exists appeared after its claim: ours.
            boolean owned = ownership.owns(topic);
            boolean confirmed = topic.create() && createdBefore.containsKey(topic.name());
            TopicStatus status =
                    new TopicStatus()
                            .setName(topic.name())
                            .setRole(topic.role().specField())
                            .setCreated(
                                    (found != null && owned) || confirmed ? Boolean.TRUE : null);
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

        TopicOperationException refused = null;
        if (!toCreate.isEmpty()) {
            refused = create(plan, toCreate, admin, ownership, statuses);
        }
        // Remembered even when a create was refused: what was created is ours all the same.
        ownership.confirm(
                statuses.values().stream()
                        .filter(t -> Boolean.TRUE.equals(t.getCreated()))
                        .toList());
        if (refused != null) {
            throw refused;
        }
        if (!toGrow.isEmpty()) {
            admin.addPartitions(toGrow);
        }
        if (!toConfigure.isEmpty()) {
            admin.setConfigs(toConfigure);
        }
        List<TopicStatus> ordered = new ArrayList<>();
        for (DesiredTopic topic : plan.topics()) {
            ordered.add(statuses.get(topic.name()));
        }
        steps.reached(TopicCreationSteps.Step.TOPICS_RECONCILED, plan);
        return new TopicsOutcome(ordered);
    }

    /**
     * Claims the topics not claimed yet, creates them all, and confirms or withdraws each claim by
     * the answer. Returns the first refusal (to be thrown once the rest is done), or null.
     */
    private TopicOperationException create(
            TopicPlan plan,
            List<DesiredTopic> toCreate,
            TopicAdmin admin,
            TopicOwnership ownership,
            Map<String, TopicStatus> statuses) {
        Map<String, TopicStatus> createdBefore = ownership.confirmed();
        Set<String> unclaimed = new TreeSet<>();
        for (DesiredTopic topic : toCreate) {
            if (!ownership.owns(topic)) {
                unclaimed.add(topic.name());
            }
        }
        if (!unclaimed.isEmpty()) {
            ownership.claim(unclaimed);
        }
        steps.reached(TopicCreationSteps.Step.CLAIMED, plan);
        Map<String, TopicCreation> creations = admin.createEach(toCreate);
        steps.reached(TopicCreationSteps.Step.CREATE_ANSWERED, plan);

        TopicOperationException refused = null;
        Set<String> notOurs = new TreeSet<>();
        for (DesiredTopic topic : toCreate) {
            TopicStatus status = statuses.get(topic.name());
            TopicCreation creation = creations.get(topic.name());
            if (creation.refused()) {
                // Still claimed: created by a later attempt, or absent, which deletes nothing.
                status.setReady(false).setMessage(creation.failure().getMessage());
                refused = refused == null ? creation.failure() : refused;
                continue;
            }
            status.setReady(true);
            if (creation.created()) {
                status.setCreated(true).setPartitions(creation.partitions());
            } else if (createdBefore.containsKey(topic.name())) {
                // Ours, created by an earlier reconcile: the broker that answered the describe
                // had not caught up with it yet. Report what was reported before, not a
                // newcomer, or the status would flap until the broker catches up.
                Integer known = createdBefore.get(topic.name()).getPartitions();
                status.setPartitions(known != null ? known : topic.partitions().orElse(null));
            } else {
                // Someone else made it between our describe and our create.
                notOurs.add(topic.name());
                status.setCreated(null).setMessage("appeared while being created; used as is");
            }
        }
        if (!notOurs.isEmpty()) {
            ownership.release(notOurs);
        }
        return refused;
    }

    /** Deletes the topics the operator created (the deletion policy was checked by the caller). */
    public void deleteCreated(TopicAdmin admin, Set<String> created) {
        admin.delete(created);
    }
}
