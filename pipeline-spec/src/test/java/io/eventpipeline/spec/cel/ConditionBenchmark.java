package io.eventpipeline.spec.cel;

import io.eventpipeline.spec.model.PatternSpec;
import java.util.List;
import java.util.Map;

/**
 * Evaluations per second of compiled conditions, single-threaded. Run on demand (it is no test):
 * {@code java -cp <test classpath> io.eventpipeline.spec.cel.ConditionBenchmark}.
 */
public final class ConditionBenchmark {
    private ConditionBenchmark() {}

    public static void main(String[] args) throws Exception {
        PatternSpec pattern =
                Yaml.pattern(
                        """
                        name: p
                        steps:
                          - {name: delay, where: "true"}
                          - {name: gate, where: "true"}
                        """);
        CompiledCondition simple =
                ExpressionCompiler.compileCondition(
                        "event.type == 'DELAY' && event.minutes >= 30",
                        ExpressionScope.forCondition(pattern, 0));
        CompiledCondition iterative =
                ExpressionCompiler.compileCondition(
                        "event.type == 'GATE_CHANGE' && event.gate != delay[0].gate",
                        ExpressionScope.forCondition(pattern, 1));
        Map<String, Object> delay =
                EventJson.parse("{\"type\":\"DELAY\",\"minutes\":45,\"gate\":\"A1\"}");
        Map<String, Object> gate = EventJson.parse("{\"type\":\"GATE_CHANGE\",\"gate\":\"B7\"}");
        Map<String, List<Map<String, Object>>> steps = Map.of("delay", List.of(delay));
        for (int round = 1; round <= 5; round++) {
            System.out.printf(
                    "round %d: simple %.2f M/s, iterative %.2f M/s%n",
                    round, rate(simple, delay, Map.of()), rate(iterative, gate, steps));
        }
    }

    private static double rate(
            CompiledCondition condition,
            Map<String, Object> event,
            Map<String, List<Map<String, Object>>> steps)
            throws ExpressionEvaluationException {
        int n = 1_000_000;
        int matched = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (condition.test(event, steps)) {
                matched++;
            }
        }
        if (matched != n) {
            throw new IllegalStateException("expected every evaluation to match");
        }
        return n / ((System.nanoTime() - start) / 1e3);
    }
}
