package io.eventpipeline.sandbox;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.EventPipelineStatus;
import io.eventpipeline.operator.api.StatusCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prints the EventPipelines' status as a kubectl-style table row whenever a row changes (the header
 * once, first).
 */
public final class StatusPrinter implements AutoCloseable {
    static final String ROW = "%-10s %-16s %-16s %-16s %-6s %-12s %-10s %s";

    private final Consumer<String> out;
    private final Map<String, String> lastRows = new HashMap<>();
    private final SharedIndexInformer<EventPipeline> informer;

    public StatusPrinter(KubernetesClient client, Consumer<String> out) {
        this.out = out;
        out.accept(
                String.format(
                        ROW,
                        "NAMESPACE",
                        "NAME",
                        "INPUT",
                        "OUTPUT",
                        "READY",
                        "PHASE",
                        "JOB",
                        "MESSAGE"));
        informer =
                client.resources(EventPipeline.class)
                        .inAnyNamespace()
                        .inform(
                                new ResourceEventHandler<>() {
                                    @Override
                                    public void onAdd(EventPipeline pipeline) {
                                        print(pipeline, false);
                                    }

                                    @Override
                                    public void onUpdate(EventPipeline old, EventPipeline now) {
                                        print(now, false);
                                    }

                                    @Override
                                    public void onDelete(EventPipeline pipeline, boolean gone) {
                                        print(pipeline, true);
                                    }
                                });
    }

    private synchronized void print(EventPipeline pipeline, boolean deleted) {
        String key = pipeline.getMetadata().getNamespace() + "/" + pipeline.getMetadata().getName();
        String row =
                deleted
                        ? rowOf(pipeline).replaceFirst("\\s*$", "") + "  (deleted)"
                        : rowOf(pipeline);
        if (!row.equals(lastRows.put(key, row))) {
            out.accept(row);
        }
    }

    static String rowOf(EventPipeline pipeline) {
        EventPipelineStatus status = pipeline.getStatus();
        String ready = "";
        String message = "";
        String phase = "";
        String job = "";
        if (status != null) {
            phase = status.getPhase() == null ? "" : status.getPhase().name();
            for (StatusCondition condition :
                    status.getConditions() == null
                            ? List.<StatusCondition>of()
                            : status.getConditions()) {
                if ("Ready".equals(condition.getType())) {
                    ready = condition.getStatus();
                    message = condition.getMessage() == null ? "" : condition.getMessage();
                }
            }
            if (status.getJob() != null && status.getJob().getJobState() != null) {
                job = status.getJob().getJobState();
            }
        }
        return String.format(
                        ROW,
                        pipeline.getMetadata().getNamespace(),
                        pipeline.getMetadata().getName(),
                        pipeline.getSpec().getInput().getTopic(),
                        pipeline.getSpec().getOutput().getTopic(),
                        ready,
                        phase,
                        job,
                        message)
                .stripTrailing();
    }

    @Override
    public void close() {
        informer.close();
    }
}
