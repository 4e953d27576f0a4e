package io.eventpipeline.spec.cel;

import io.eventpipeline.spec.validation.ValidationProblem;
import java.util.List;
import java.util.stream.Collectors;

/** A CEL expression that does not compile or type-check, with every error CEL found in it. */
public class ExpressionCompileException extends Exception {
    private final List<ExpressionError> errors;

    public ExpressionCompileException(List<ExpressionError> errors) {
        super(errors.stream().map(ExpressionError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<ExpressionError> errors() {
        return errors;
    }

    /** The errors as validation problems of the field at {@code path}. */
    public List<ValidationProblem> toProblems(String path) {
        return errors.stream().map(e -> new ValidationProblem(path, e.toString())).toList();
    }
}
