package io.eventpipeline.operator.render;

import io.eventpipeline.spec.validation.InvalidPipelineException;
import io.eventpipeline.spec.validation.ValidationProblem;
import java.util.List;

/** The file {@code render --against} compares with cannot be read; says why. */
public final class EarlierVersionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<ValidationProblem> problems;

    EarlierVersionException(String message, InvalidPipelineException cause) {
        super(message, cause);
        this.problems = cause == null ? List.of() : cause.problems();
    }

    public List<ValidationProblem> problems() {
        return problems;
    }
}
