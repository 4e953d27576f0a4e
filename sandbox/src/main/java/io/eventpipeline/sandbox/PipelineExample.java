package io.eventpipeline.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.spec.SpecDefaults;
import io.eventpipeline.spec.StrictYaml;
import io.eventpipeline.spec.model.EventPipelineSpec;
import io.eventpipeline.spec.model.FlinkSpec;
import io.eventpipeline.spec.model.StartFrom;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An example pipeline from {@code examples/}: its YAML, and by convention its sample events ({@code
 * <input topic>.jsonl} beside it) and expected alerts ({@code <name>.expected.jsonl}).
 */
public record PipelineExample(Path file, EventPipeline pipeline) {

    public static PipelineExample load(Path file) {
        try {
            JsonNode tree = StrictYaml.readTree(StrictYaml.readFile(file));
            EventPipeline pipeline =
                    Serialization.jsonMapper().treeToValue(tree, EventPipeline.class);
            return new PipelineExample(file, pipeline);
        } catch (StrictYaml.Refused e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException("cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** One file, or every {@code *.yaml} / {@code *.yml} in a folder, by name. */
    public static List<PipelineExample> loadAll(Path fileOrFolder) {
        if (!Files.isDirectory(fileOrFolder)) {
            return List.of(load(fileOrFolder));
        }
        try (Stream<Path> files = Files.list(fileOrFolder)) {
            return files.filter(
                            f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .map(PipelineExample::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The pipeline as the sandbox applies it. A pipeline that starts from {@code latest} would race
     * its first job start against the first events (the source fixes its starting offset only once
     * it runs); the sandbox's topics are new, so {@code earliest} reads the same events, all of
     * them. After an upgrade or resume, offsets come from the savepoint either way.
     */
    public EventPipeline forSandbox() {
        EventPipeline copy = Serialization.clone(pipeline);
        StartFrom startFrom = copy.getSpec().getInput().getStartFrom();
        if (startFrom == null || startFrom == StartFrom.LATEST) {
            copy.getSpec().getInput().setStartFrom(StartFrom.EARLIEST);
        }
        return copy;
    }

    /**
     * As {@link #forSandbox()}, for a pipeline fed by the {@link EventGenerator}: its rounds move
     * event time ahead faster than the clock (a round of hours is sent in seconds), past the hour
     * ahead the job accepts by default, so the pipeline says how far ahead its events may be.
     */
    public EventPipeline forSandboxWithGeneratedEvents() {
        EventPipeline copy = forSandbox();
        if (copy.getSpec().getFlink() == null) {
            copy.getSpec().setFlink(new FlinkSpec());
        }
        Map<String, String> configuration = new TreeMap<>();
        if (copy.getSpec().getFlink().getFlinkConfiguration() != null) {
            configuration.putAll(copy.getSpec().getFlink().getFlinkConfiguration());
        }
        configuration.put(GENERATED_EVENTS_MAX_AHEAD, "3650 d");
        copy.getSpec().getFlink().setFlinkConfiguration(configuration);
        return copy;
    }

    /** The job's setting for how far past the clock an event's time may lie. */
    static final String GENERATED_EVENTS_MAX_AHEAD = "eventpipeline.timestamp.max-ahead";

    public String name() {
        return pipeline.getMetadata().getName();
    }

    public String namespace() {
        String namespace = pipeline.getMetadata().getNamespace();
        return namespace == null ? "default" : namespace;
    }

    /** The spec with defaults applied (e.g. the dead-letter topic's name). */
    public EventPipelineSpec spec() {
        return SpecDefaults.withDefaults(pipeline.getSpec());
    }

    public Optional<Path> eventsFile() {
        return existing(spec().getInput().getTopic() + ".jsonl");
    }

    public Optional<Path> expectedAlertsFile() {
        return existing(name() + ".expected.jsonl");
    }

    private Optional<Path> existing(String sibling) {
        Path path = file.toAbsolutePath().resolveSibling(sibling);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }
}
