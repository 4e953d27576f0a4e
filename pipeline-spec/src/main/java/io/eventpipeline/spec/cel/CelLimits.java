package io.eventpipeline.spec.cel;

/**
 * Bounds on what one CEL expression may cost. An EventPipeline is written by users and evaluated
 * for every event, so every expression must be small to compile and cheap to run; none of these
 * bounds limits a reasonable condition.
 */
public final class CelLimits {
    /** Longest expression, in characters (Unicode code points): a condition, not a program. */
    public static final int MAX_EXPRESSION_LENGTH = 4096;

    /**
     * Deepest nesting the parser follows, so that a crafted expression cannot exhaust the stack.
     */
    public static final int MAX_PARSE_RECURSION_DEPTH = 64;

    /**
     * Most syntax-tree nodes, macros expanded: bounds compile time and memory of one expression.
     */
    public static final int MAX_AST_NODES = 4096;

    /** Deepest syntax tree after checking (long member chains, nested macros). */
    public static final int MAX_AST_DEPTH = 50;

    /**
     * Most loop iterations of all comprehensions ({@code exists}, {@code all}, {@code map}, {@code
     * filter}, nested ones multiply) in one evaluation. Past it the evaluation fails instead of
     * stalling the job on one event.
     */
    public static final int MAX_COMPREHENSION_ITERATIONS = 10_000;

    /**
     * Most characters one evaluation may build with {@code +}, {@code replace}, {@code join} and
     * {@code quote}, summed: a condition compares fields, it does not write documents. Past it the
     * evaluation fails before building more (see {@link EvaluationBudget}).
     */
    public static final int MAX_BUILT_CHARACTERS = 1 << 20;

    /**
     * Largest compiled regular expression {@code matches} runs (RE2 instructions): matching time
     * grows with it, and a pattern can come from an event ({@code event.code.matches(event.rule)}).
     * Ordinary patterns take tens to a few hundred.
     */
    public static final int MAX_REGEX_PROGRAM_SIZE = 5_000;

    private CelLimits() {}
}
