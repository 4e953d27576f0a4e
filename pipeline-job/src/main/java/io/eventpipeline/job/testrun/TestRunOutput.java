package io.eventpipeline.job.testrun;

import io.eventpipeline.job.match.MatchOutput;
import io.eventpipeline.job.topology.DeadLetter;

/**
 * One result of a test run, a match or a dead letter: both travel in one collected stream, so that
 * a single client iterator drains the job. A Flink POJO; exactly one field is set.
 */
public class TestRunOutput {
    public MatchOutput match;
    public DeadLetter deadLetter;

    public TestRunOutput() {}

    static TestRunOutput of(MatchOutput match) {
        TestRunOutput output = new TestRunOutput();
        output.match = match;
        return output;
    }

    static TestRunOutput of(DeadLetter deadLetter) {
        TestRunOutput output = new TestRunOutput();
        output.deadLetter = deadLetter;
        return output;
    }
}
