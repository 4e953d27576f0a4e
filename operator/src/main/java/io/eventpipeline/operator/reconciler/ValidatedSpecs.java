package io.eventpipeline.operator.reconciler;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.validation.PipelineValidator;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validator's verdict on each pipeline the operator has seen, by content: most reconciles (the
 * FlinkDeployment's status moving, a resync) see a spec they have already validated, and compiling
 * its CEL again was most of the operator's CPU time at scale. Keyed by name, namespace and the spec
 * as JSON, so any change to what the validator reads is a new entry. Bounded; the least recently
 * used verdict goes first. Thread-safe.
 */
final class ValidatedSpecs {
    static final int DEFAULT_CAPACITY = 4096;

    private final PipelineValidator validator;
    private final Map<String, Verdict> verdicts;

    /**
     * The validator's verdict on one spec, and whether the FlinkDeployment it renders to is known
     * to fit ({@link RenderedSize}): rendering and serializing it only to measure it was most of
     * resolving a spec seen before, and the size depends only on the spec and the operator's
     * configuration, which is fixed for the resolver that owns this cache.
     */
    static final class Verdict {
        private final PipelineValidator.Validated validated;
        private volatile boolean fitsRendered;

        private Verdict(PipelineValidator.Validated validated) {
            this.validated = validated;
        }

        PipelineValidator.Validated validated() {
            return validated;
        }

        boolean fitsRendered() {
            return fitsRendered;
        }

        void rendersToAFit() {
            fitsRendered = true;
        }
    }

    ValidatedSpecs(PipelineValidator validator, int capacity) {
        this.validator = validator;
        this.verdicts =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Verdict> eldest) {
                        return size() > capacity;
                    }
                };
    }

    /**
     * The validator's verdict, with the CEL it compiled: resolving the pipeline reuses it. Compiled
     * CEL is immutable and thread-safe, so one verdict serves every reconcile of the spec.
     */
    PipelineValidator.Validated validated(PipelineDefinition definition) {
        return verdict(definition).validated();
    }

    /** The verdict, with what is known about the spec's rendered size. */
    Verdict verdict(PipelineDefinition definition) {
        String key;
        try {
            key =
                    definition.namespace()
                            + '/'
                            + definition.name()
                            + '\n'
                            + Serialization.jsonMapper().writeValueAsString(definition.spec());
        } catch (JsonProcessingException e) {
            return new Verdict(validator.validateCompiling(definition));
        }
        synchronized (verdicts) {
            Verdict known = verdicts.get(key);
            if (known != null) {
                return known;
            }
        }
        // Validated outside the lock: two threads may both validate the same new spec, never wait.
        Verdict verdict = new Verdict(validator.validateCompiling(definition));
        synchronized (verdicts) {
            verdicts.put(key, verdict);
        }
        return verdict;
    }

    int size() {
        synchronized (verdicts) {
            return verdicts.size();
        }
    }
}
