package io.eventpipeline.job.bench;

import io.eventpipeline.job.bench.HandWrittenCepJob.ShopEvent;
import java.time.Duration;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * The benchmark's four pattern classes as a user would write them against Flink CEP, each the same
 * pattern as its YAML under {@code bench/}: conditions as lambdas on a POJO, and Flink CEP's
 * defaults where the YAML leaves a field out (relaxed contiguity, no skip after a match).
 */
final class HandWrittenPatterns {
    private static final Duration WITHIN = Duration.ofMinutes(10);

    private HandWrittenPatterns() {}

    /** {@code checkout-journey.yaml}: view, add worth 100 or more, pay. */
    static Pattern<ShopEvent, ShopEvent> sequence() {
        return Pattern.<ShopEvent>begin("viewed")
                .where(SimpleCondition.of(HandWrittenPatterns::viewed))
                .followedBy("added")
                .where(SimpleCondition.of(HandWrittenPatterns::highValueAdd))
                .followedBy("paid")
                .where(SimpleCondition.of(HandWrittenPatterns::paid))
                .within(WITHIN);
    }

    /** {@code absence.yaml}: view, add worth 100 or more, and no payment before the time is up. */
    static Pattern<ShopEvent, ShopEvent> absence() {
        return Pattern.<ShopEvent>begin("viewed")
                .where(SimpleCondition.of(HandWrittenPatterns::viewed))
                .followedBy("added")
                .where(SimpleCondition.of(HandWrittenPatterns::highValueAdd))
                .notFollowedBy("paid")
                .where(SimpleCondition.of(HandWrittenPatterns::paid))
                .within(WITHIN);
    }

    /** {@code loop.yaml}: adds worth 100 or more until a payment, the payment; skip past it. */
    static Pattern<ShopEvent, ShopEvent> loop() {
        return Pattern.<ShopEvent>begin("added", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(HandWrittenPatterns::highValueAdd))
                .oneOrMore()
                .until(SimpleCondition.of(HandWrittenPatterns::paid))
                .followedBy("paid")
                .where(SimpleCondition.of(HandWrittenPatterns::paid))
                .within(WITHIN);
    }

    /** {@code iterative.yaml}: view, an add worth 100 or more and more than the view, pay. */
    static Pattern<ShopEvent, ShopEvent> iterative() {
        return Pattern.<ShopEvent>begin("viewed")
                .where(SimpleCondition.of(HandWrittenPatterns::viewed))
                .followedBy("added")
                .where(new AboveViewedAmount())
                .followedBy("paid")
                .where(SimpleCondition.of(HandWrittenPatterns::paid))
                .within(WITHIN);
    }

    private static boolean viewed(ShopEvent event) {
        return "product_view".equals(event.type);
    }

    private static boolean highValueAdd(ShopEvent event) {
        return "add_to_cart".equals(event.type) && event.amount >= 100.0;
    }

    private static boolean paid(ShopEvent event) {
        return "payment".equals(event.type);
    }

    /** Compares with the first event the partial match took for "viewed". */
    private static final class AboveViewedAmount extends IterativeCondition<ShopEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(ShopEvent event, Context<ShopEvent> ctx) throws Exception {
            if (!highValueAdd(event)) {
                return false;
            }
            for (ShopEvent viewed : ctx.getEventsForPattern("viewed")) {
                return event.amount > viewed.amount;
            }
            return false;
        }
    }
}
