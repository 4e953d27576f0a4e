package io.eventpipeline.operator.reconciler;

import io.eventpipeline.operator.api.EventPipeline;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

/**
 * The FlinkDeployment informer, which also reconciles the pipelines that name a FlinkDeployment as
 * their session cluster whenever it appears, changes or goes. Those pipelines are not among the
 * FlinkDeployment's owners, so the owner-reference mapping, which also answers which
 * FlinkDeployment is a pipeline's own, must not list them: they are told apart here, beside it.
 */
final class SessionClusterAwareInformer
        extends InformerEventSource<FlinkDeployment, EventPipeline> {
    private final Function<FlinkDeployment, Set<ResourceID>> sessionPipelines;

    SessionClusterAwareInformer(
            InformerEventSourceConfiguration<FlinkDeployment> configuration,
            EventSourceContext<EventPipeline> context,
            Function<FlinkDeployment, Set<ResourceID>> sessionPipelines) {
        super(configuration, context);
        this.sessionPipelines = sessionPipelines;
    }

    @Override
    public void onAdd(FlinkDeployment added) {
        super.onAdd(added);
        reconcileSessionPipelines(added);
    }

    @Override
    public void onUpdate(FlinkDeployment before, FlinkDeployment after) {
        super.onUpdate(before, after);
        reconcileSessionPipelines(after);
    }

    @Override
    public void onDelete(FlinkDeployment deleted, boolean finalStateUnknown) {
        super.onDelete(deleted, finalStateUnknown);
        reconcileSessionPipelines(deleted);
    }

    private void reconcileSessionPipelines(FlinkDeployment deployment) {
        if (getEventHandler() == null) {
            return;
        }
        sessionPipelines
                .apply(deployment)
                .forEach(id -> getEventHandler().handleEvent(new Event(id)));
    }
}
