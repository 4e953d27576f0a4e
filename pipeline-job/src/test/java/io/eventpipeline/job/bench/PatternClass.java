package io.eventpipeline.job.bench;

import io.eventpipeline.job.bench.HandWrittenCepJob.ShopEvent;
import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.flink.cep.pattern.Pattern;

/**
 * The kinds of pattern the benchmark measures, each as our pipeline (a YAML under {@code bench/})
 * and as the same pattern hand-written against Flink CEP.
 */
enum PatternClass {
    SEQUENCE("/bench/checkout-journey.yaml", HandWrittenPatterns::sequence),
    ABSENCE("/bench/absence.yaml", HandWrittenPatterns::absence),
    LOOP("/bench/loop.yaml", HandWrittenPatterns::loop),
    ITERATIVE("/bench/iterative.yaml", HandWrittenPatterns::iterative);

    private final String resource;
    private final Supplier<Pattern<ShopEvent, ShopEvent>> handWritten;

    PatternClass(String resource, Supplier<Pattern<ShopEvent, ShopEvent>> handWritten) {
        this.resource = resource;
        this.handWritten = handWritten;
    }

    /** As written on the command line: {@code sequence}, {@code absence}, ... */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PatternClass of(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }

    ResolvedPipeline pipeline() throws Exception {
        try (InputStream in = PatternClass.class.getResourceAsStream(resource)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return ResolvedPipeline.resolve(PipelineDefinition.parse(yaml));
        }
    }

    Pattern<ShopEvent, ShopEvent> handWritten() {
        return handWritten.get();
    }

    /** Which engine runs our pipeline's pattern, and why not the sequence matcher. */
    static String engine(ResolvedPipeline pipeline) {
        var pattern = pipeline.patterns().get(0);
        return pattern.shape().whyCep().map(why -> "Flink CEP: " + why).orElse("sequence matcher");
    }
}
