package io.eventpipeline.spec.resolved;

import io.eventpipeline.spec.cel.CompiledPattern;
import io.eventpipeline.spec.model.AfterMatchStrategy;
import io.eventpipeline.spec.model.Contiguity;
import java.util.List;
import java.util.Optional;

/**
 * What the job makes of a pattern's shape, decided once and in one place: which engine runs it
 * ({@link Matcher}), and whether events that no step's condition holds for may be dropped before
 * it. Both are allow-lists: an after-match strategy, contiguity or step option ({@link StepOption})
 * is switched over exhaustively, so a new constant does not compile until it is decided.
 *
 * <h2>The sequence matcher</h2>
 *
 * It runs a <em>simple sequence</em>: one event per step, each step after the first {@code
 * followedBy}, except that the last may be {@code notFollowedBy} (a <em>trailing absence</em>),
 * every condition on the event alone, after a match {@code noSkip}, {@code skipToNext} or {@code
 * skipPastLastEvent} ({@code noSkip} or {@code skipToNext} with a trailing absence), no timed-out
 * matches emitted; {@code within} is allowed, and required with a trailing absence. With {@code
 * noSkip} and no negation, conditions may also read earlier steps' events (below). For such a
 * pattern a partial match is just the events it has taken, each event starts at most one partial
 * match (relaxed contiguity does not branch: a step takes the first event its condition holds for),
 * and an older partial match is never behind a younger one (both test each event against their own
 * step's condition, and the younger catches up only by taking an event the older also could).
 *
 * <p><b>Why {@code skipToNext} is {@code noSkip} here.</b> After a match, Flink CEP's {@code
 * skipToNext} discards the partial matches that started at or before the match's first event. On a
 * simple sequence there are none left to discard: the only partial match that started with that
 * event is the match itself, and an older one, never behind it, was one step short as well and so
 * completed on the same event; CEP emits matches completed by one event oldest first and prunes
 * after each, so the older ones are already out and the younger ones started later. The matcher
 * therefore treats {@code skipToNext} as {@code noSkip}; {@code SequenceEquivalenceIT} and the
 * property test {@code SequenceVersusCepPropertyTest} compare both with CEP.
 *
 * <p><b>A trailing absence.</b> CEP compiles it into a pending state: a partial match that took the
 * other steps takes no more events, is discarded by an event the negated condition holds for, and
 * is a match when event time reaches its start plus {@code within} (CEP advances time before it
 * feeds the events of that time, so an event at exactly that time comes too late to discard it).
 * Matches thus complete in the order their partial matches started, and an older partial match has
 * expired (or completed) by the time a younger one does, so {@code skipToNext} still discards
 * nothing. {@code skipPastLastEvent} would discard the partial matches that started at or before
 * the match's last event, which may be long before the match completes; the matcher does not track
 * that, so such patterns stay on CEP.
 *
 * <p><b>Conditions on earlier steps' events.</b> A partial match is the events its steps took, so
 * the matcher evaluates such a condition once per partial match and event with those events bound
 * by step name, as CEP does from its shared buffer. What still holds: each event starts at most one
 * partial match (the first step has no earlier steps), and a partial match takes the first event
 * its own next condition holds for, so it is still just its events. What no longer holds: an older
 * partial match is never behind a younger one, since their conditions now differ. So a younger
 * match can complete while an older partial match is still open. {@code noSkip} emits each match
 * when it completes, oldest first among those one event completes, in CEP as here, and prunes
 * nothing, so the order of partial matches does not matter to it. Expiry still removes a prefix, as
 * partial matches are kept in start order whatever their progress. {@code skipToNext} and {@code
 * skipPastLastEvent} do depend on that order: CEP holds a completed match back while an older
 * partial match is open, then prunes by its events. The argument that {@code skipToNext} is {@code
 * noSkip} fails, and so does "every partial match started no later than the last event" for {@code
 * skipPastLastEvent}, so both stay on CEP, and so does a trailing absence (not proven with such
 * conditions). Whether such a condition holds is not known per event, but that it cannot hold is,
 * for some events: when a top-level conjunct that reads the event alone is false for an event, the
 * condition is false for it whatever the partial match ({@code CompiledCondition}'s {@code
 * falseForAnyStepEvents}, argued in {@code EventOnlyPart}), which is all early dropping needs.
 *
 * <h2>Early dropping</h2>
 *
 * Events that no step's {@code where} or {@code until} can hold for can be dropped before the keyBy
 * without changing any match when every step skips over such events anyway, which Flink CEP does
 * under relaxed contiguity only. A condition on the event alone is evaluated per event; one on
 * earlier steps' events cannot hold for an event its event-only part is false for (above), in any
 * partial match, and may hold for any other. A dropped event is thus taken by no step of any
 * partial match, so it is also in none of the step lists a later condition reads. The pattern must
 * have: every step after the first {@code followedBy} or {@code followedByAny} ({@code next} fails
 * on any event in between; negations depend on which events come), except the trailing absence of a
 * simple sequence (its partial matches take no event, and only one its condition holds for, a
 * relevant event, discards them: CEP's own results after quantified steps, followedByAny or
 * skipToFirst do change, {@code EventFilterEquivalenceIT} found); no repeating step {@code
 * consecutive} or {@code greedy}; no timed-out matches emitted. After-match strategies prune
 * relative to a match's events, never to events outside it. {@code within} depends on event time,
 * which the watermarks carry. {@code EventFilterEquivalenceIT} checks it.
 */
public final class PatternShape {

    private final Optional<String> whyCep;
    private final Optional<String> whyCepUnderSimpleSequences;
    private final Optional<Where> whyEventsMatter;

    private PatternShape(
            Optional<String> whyCep,
            Optional<String> whyCepUnderSimpleSequences,
            Optional<Where> whyEventsMatter) {
        this.whyCep = whyCep;
        this.whyCepUnderSimpleSequences = whyCepUnderSimpleSequences;
        this.whyEventsMatter = whyEventsMatter;
    }

    /**
     * @param steps the pattern's steps
     * @param afterMatch its after-match strategy
     * @param within whether it has a time limit
     * @param emitTimeouts whether it emits timed-out partial matches
     * @param compiled its compiled CEL
     */
    static PatternShape of(
            List<ResolvedStep> steps,
            AfterMatchStrategy afterMatch,
            boolean within,
            boolean emitTimeouts,
            CompiledPattern compiled) {
        Optional<String> whyCep =
                whyCep(steps, afterMatch, within, emitTimeouts, compiled, MatcherRules.CURRENT);
        return new PatternShape(
                whyCep,
                whyCep(
                        steps,
                        afterMatch,
                        within,
                        emitTimeouts,
                        compiled,
                        MatcherRules.SIMPLE_SEQUENCES),
                whyEventsMatter(steps, afterMatch, emitTimeouts, whyCep.isEmpty()));
    }

    /** The engine that runs the pattern. */
    public Matcher matcher() {
        return matcher(MatcherRules.CURRENT);
    }

    /** The engine a job of {@code rules} runs the pattern on. */
    public Matcher matcher(MatcherRules rules) {
        return whyCep(rules).isEmpty() ? Matcher.SEQUENCE : Matcher.CEP;
    }

    /** Why the pattern needs Flink CEP, for people; empty on the sequence matcher. */
    public Optional<String> whyCep() {
        return whyCep;
    }

    /** Why a job of {@code rules} runs the pattern on Flink CEP; empty on the sequence matcher. */
    public Optional<String> whyCep(MatcherRules rules) {
        return switch (rules) {
            case SIMPLE_SEQUENCES -> whyCepUnderSimpleSequences;
            case WIDENED_SEQUENCES -> whyCep;
        };
    }

    /**
     * Why every event must reach the pattern's operator, or empty when events no step's condition
     * holds for may be dropped before it.
     *
     * @param patternPath how people find the pattern, e.g. {@code spec.patterns[0]}
     */
    public Optional<String> whyEventsMatter(String patternPath) {
        return whyEventsMatter.map(where -> where.render(patternPath));
    }

    private static Optional<String> whyCep(
            List<ResolvedStep> steps,
            AfterMatchStrategy afterMatch,
            boolean within,
            boolean emitTimeouts,
            CompiledPattern compiled,
            MatcherRules rules) {
        boolean widened =
                switch (rules) {
                    case SIMPLE_SEQUENCES -> false;
                    case WIDENED_SEQUENCES -> true;
                };
        if (emitTimeouts) {
            return Optional.of("it emits timeouts");
        }
        boolean matcherSkips =
                switch (afterMatch) {
                    case NO_SKIP, SKIP_TO_NEXT, SKIP_PAST_LAST_EVENT -> true;
                    case SKIP_TO_FIRST, SKIP_TO_LAST -> false;
                };
        if (!matcherSkips) {
            return Optional.of("afterMatch is " + afterMatch.yamlName());
        }
        int last = steps.size() - 1;
        boolean absence = steps.get(last).isNegation();
        for (ResolvedStep step : steps) {
            String name = "step " + step.name();
            if (step.after().isPresent()) {
                Contiguity after = step.after().get();
                boolean matcherFollows =
                        switch (after) {
                            case FOLLOWED_BY -> true;
                            // Only as the last step, which completes at the end of within.
                            case NOT_FOLLOWED_BY -> widened && step.index() == last && within;
                            case NEXT, FOLLOWED_BY_ANY, NOT_NEXT -> false;
                        };
                if (!matcherFollows) {
                    return Optional.of(
                            name
                                    + " uses "
                                    + after.yamlName()
                                    + (widened && after == Contiguity.NOT_FOLLOWED_BY
                                            ? " before another step"
                                            : ""));
                }
                if (after == Contiguity.NOT_FOLLOWED_BY
                        && afterMatch == AfterMatchStrategy.SKIP_PAST_LAST_EVENT) {
                    return Optional.of(
                            "afterMatch is skipPastLastEvent and " + name + " uses notFollowedBy");
                }
            }
            for (StepOption option : step.options()) {
                // One event per step is all the matcher takes.
                boolean matcherRuns =
                        switch (option) {
                            case TIMES,
                                    ONE_OR_MORE,
                                    OPTIONAL,
                                    CONSECUTIVE,
                                    GREEDY,
                                    ALLOW_COMBINATIONS,
                                    UNTIL ->
                                    false;
                        };
                if (!matcherRuns) {
                    return Optional.of(name + " is quantified");
                }
            }
            if (compiled.where(step.index()).usesStepEvents()) {
                // Read from the partial match itself; only noSkip is proven (see above).
                if (!widened || step.isNegation()) {
                    return Optional.of(name + " has a condition on earlier steps' events");
                }
                if (afterMatch != AfterMatchStrategy.NO_SKIP || absence) {
                    return Optional.of(
                            name
                                    + " has a condition on earlier steps' events, with "
                                    + (absence
                                            ? "a trailing notFollowedBy"
                                            : "afterMatch " + afterMatch.yamlName()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Where> whyEventsMatter(
            List<ResolvedStep> steps,
            AfterMatchStrategy afterMatch,
            boolean emitTimeouts,
            boolean onSequenceMatcher) {
        if (emitTimeouts) {
            return Where.pattern("emits timeouts");
        }
        // Every strategy today prunes relative to a match's events, and an irrelevant event is in
        // no match. Spelled out so that a new strategy does not compile until it is decided.
        boolean skipsRelativeToMatch =
                switch (afterMatch) {
                    case NO_SKIP, SKIP_TO_NEXT, SKIP_PAST_LAST_EVENT, SKIP_TO_FIRST, SKIP_TO_LAST ->
                            true;
                };
        if (!skipsRelativeToMatch) {
            return Where.pattern("uses afterMatch " + afterMatch.yamlName());
        }
        int last = steps.size() - 1;
        for (ResolvedStep step : steps) {
            int s = step.index();
            if (step.after().isPresent()) {
                Contiguity after = step.after().get();
                boolean skipsOthers =
                        switch (after) {
                            case FOLLOWED_BY, FOLLOWED_BY_ANY -> true;
                            // Proven for the trailing one of a simple sequence only.
                            case NOT_FOLLOWED_BY -> s == last && onSequenceMatcher;
                            case NEXT, NOT_NEXT -> false;
                        };
                if (!skipsOthers) {
                    return Where.step(s, "uses " + after.yamlName());
                }
            }
            for (StepOption option : step.options()) {
                Optional<String> why =
                        switch (option) {
                            case TIMES, ONE_OR_MORE, OPTIONAL, ALLOW_COMBINATIONS, UNTIL ->
                                    Optional.empty();
                            case CONSECUTIVE -> Optional.of("is consecutive");
                            case GREEDY -> Optional.of("is greedy");
                        };
                if (why.isPresent()) {
                    return Where.step(s, why.get());
                }
            }
        }
        return Optional.empty();
    }

    /** A reason that names the pattern, or one of its steps by index. */
    private record Where(int step, String what) {
        static Optional<Where> pattern(String what) {
            return Optional.of(new Where(-1, what));
        }

        static Optional<Where> step(int step, String what) {
            return Optional.of(new Where(step, what));
        }

        String render(String patternPath) {
            return patternPath + (step < 0 ? "" : ".steps[" + step + "]") + " " + what;
        }
    }
}
