package io.eventpipeline.spec.validation;

/**
 * One thing wrong with a pipeline: the field it is about, as a path from the resource root (e.g.
 * {@code spec.patterns[1].steps[0].where}), and what is wrong with it.
 */
public record ValidationProblem(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
