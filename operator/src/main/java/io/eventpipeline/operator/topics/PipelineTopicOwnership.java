package io.eventpipeline.operator.topics;

import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.TopicStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A pipeline's topic ownership as recorded on the pipeline itself. Claims live in the {@value
 * #CLAIMS_ANNOTATION} annotation (topic names, comma-separated: Kafka names cannot hold a comma),
 * written before each create request; confirmations in the status ({@code topics[].created}),
 * written with the status that reports them anyway, and in this process's memory ({@link
 * CreatedTopics}) until then. An annotation, not the status: it is written by a metadata edit that
 * is not a status computation, so no status write can drop it, and it survives a status that is
 * lost or rewritten.
 */
public final class PipelineTopicOwnership implements TopicOwnership {
    public static final String CLAIMS_ANNOTATION = "eventpipeline.io/claimed-topics";

    private final Context<EventPipeline> context;
    private final CreatedTopics memory;
    private final SortedMap<String, TopicStatus> confirmed;
    private EventPipeline pipeline;
    private SortedSet<String> claimed;

    PipelineTopicOwnership(
            EventPipeline pipeline, Context<EventPipeline> context, CreatedTopics memory) {
        this.pipeline = pipeline;
        this.context = context;
        this.memory = memory;
        this.confirmed = memory.of(pipeline);
        this.claimed = claimsOf(pipeline);
    }

    /** The names the pipeline's claims annotation lists. */
    public static SortedSet<String> claimsOf(EventPipeline pipeline) {
        SortedSet<String> claims = new TreeSet<>();
        Map<String, String> annotations = pipeline.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(CLAIMS_ANNOTATION);
        if (value != null) {
            Arrays.stream(value.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .forEach(claims::add);
        }
        return claims;
    }

    /**
     * Adds claims to a pipeline about to be written for another reason (the finalizer), so that
     * they cost no write of their own.
     */
    public static void addClaims(EventPipeline pipeline, Set<String> names) {
        SortedSet<String> claims = claimsOf(pipeline);
        claims.addAll(names);
        setClaims(pipeline, claims);
    }

    private static void setClaims(EventPipeline pipeline, SortedSet<String> claims) {
        Map<String, String> annotations = new TreeMap<>();
        if (pipeline.getMetadata().getAnnotations() != null) {
            annotations.putAll(pipeline.getMetadata().getAnnotations());
        }
        if (claims.isEmpty()) {
            annotations.remove(CLAIMS_ANNOTATION);
        } else {
            annotations.put(CLAIMS_ANNOTATION, String.join(",", claims));
        }
        pipeline.getMetadata().setAnnotations(annotations);
    }

    @Override
    public Map<String, TopicStatus> confirmed() {
        return Collections.unmodifiableMap(confirmed);
    }

    @Override
    public Set<String> claimed() {
        return Collections.unmodifiableSet(claimed);
    }

    @Override
    public void claim(Set<String> names) {
        write(claims -> claims.addAll(names));
    }

    @Override
    public void release(Set<String> names) {
        write(claims -> claims.removeAll(names));
    }

    @Override
    public void confirm(Collection<TopicStatus> topics) {
        topics.forEach(t -> confirmed.put(t.getName(), t));
        memory.remember(pipeline, topics);
    }

    /** The pipeline as last written here (the reconcile goes on with it). */
    public EventPipeline pipeline() {
        return pipeline;
    }

    /**
     * Edits the annotation on the server, starting from the pipeline as it is there, and puts the
     * result into the informer cache so the next reconcile reads it even before the watch delivers
     * it.
     */
    private void write(Consumer<SortedSet<String>> change) {
        UnaryOperator<EventPipeline> edit =
                p -> {
                    SortedSet<String> claims = claimsOf(p);
                    change.accept(claims);
                    setClaims(p, claims);
                    return p;
                };
        pipeline =
                PrimaryUpdateAndCacheUtils.updateAndCacheResource(
                        pipeline,
                        context,
                        UnaryOperator.identity(),
                        p -> context.getClient().resource(p).edit(edit));
        claimed = claimsOf(pipeline);
    }
}
