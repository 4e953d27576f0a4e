package io.eventpipeline.spec.validation;

import java.util.List;
import java.util.stream.Collectors;

/** A pipeline definition that cannot run, with every problem found in it. */
public class InvalidPipelineException extends Exception {
    private final List<ValidationProblem> problems;

    public InvalidPipelineException(List<ValidationProblem> problems) {
        super(problems.stream().map(ValidationProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ValidationProblem> problems() {
        return problems;
    }
}
