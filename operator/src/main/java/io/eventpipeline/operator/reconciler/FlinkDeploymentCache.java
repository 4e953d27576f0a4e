package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.api.EventPipeline;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

/**
 * The FlinkDeployment informer as the reconciler reads and fills it.
 *
 * <p>When the operator stops (shutdown, a lost lease) JOSDK stops the informers before the
 * reconciles in flight have finished, and a stopped informer forgets what it held: it answers
 * "absent" for every FlinkDeployment. Such an answer is no ground for creating a FlinkDeployment
 * (the server refuses it: it exists) nor for deleting topics whose job still runs, so a read made
 * while the informer is stopped is {@link Lookup#unknown()}.
 */
final class FlinkDeploymentCache {
    private FlinkDeploymentCache() {}

    /** What the informer said of a pipeline's FlinkDeployment. */
    record Lookup(boolean known, FlinkDeployment deployment) {
        private static final Lookup UNKNOWN = new Lookup(false, null);

        /** The informer was stopped: the operator is stopping; decide nothing from this. */
        static Lookup unknown() {
            return UNKNOWN;
        }

        Optional<FlinkDeployment> found() {
            return Optional.ofNullable(deployment);
        }
    }

    /** The reconciled pipeline's FlinkDeployment (owned through its owner reference), if known. */
    static Lookup ofPipeline(Context<EventPipeline> context) {
        Optional<FlinkDeployment> found = context.getSecondaryResource(FlinkDeployment.class);
        // Read first, then check: stopping marks the informer stopped before it forgets.
        if (!source(context).isRunning()) {
            return Lookup.unknown();
        }
        return new Lookup(true, found.orElse(null));
    }

    /** The FlinkDeployment of that name, whoever owns it, if known. */
    static Lookup byName(Context<EventPipeline> context, String namespace, String name) {
        var deployments = source(context);
        Optional<FlinkDeployment> found = deployments.get(new ResourceID(name, namespace));
        if (!deployments.isRunning()) {
            return Lookup.unknown();
        }
        return new Lookup(true, found.orElse(null));
    }

    /**
     * Tells the informer about a write of ours: the next reconcile sees it even if the watch has
     * not delivered it yet (no second create), and its echo from the watch does not trigger a
     * reconcile that would find nothing to do.
     */
    static void remember(
            Context<EventPipeline> context, FlinkDeployment written, FlinkDeployment previous) {
        var deployments = source(context);
        ResourceID id = ResourceID.fromResource(written);
        if (previous == null) {
            deployments.handleRecentResourceCreate(id, written);
        } else {
            deployments.handleRecentResourceUpdate(id, written, previous);
        }
    }

    @SuppressWarnings("unchecked")
    private static InformerEventSource<FlinkDeployment, EventPipeline> source(
            Context<EventPipeline> context) {
        return (InformerEventSource<FlinkDeployment, EventPipeline>)
                context.eventSourceRetriever().getEventSourceFor(FlinkDeployment.class);
    }
}
