package io.eventpipeline.spec.cel;

/**
 * One compile error of a CEL expression.
 *
 * @param line 1-based line in the expression, 0 when CEL gives no position
 * @param column 1-based column in that line, 0 when CEL gives no position
 * @param message what is wrong, as CEL (or this project, for scope errors) words it
 */
public record ExpressionError(int line, int column, String message) {

    /** {@code "CEL error at 1:15: message"}, or without position when there is none. */
    @Override
    public String toString() {
        return line > 0 ? "CEL error at " + line + ":" + column + ": " + message : message;
    }
}
