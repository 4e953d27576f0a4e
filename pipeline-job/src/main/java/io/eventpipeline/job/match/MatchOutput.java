package io.eventpipeline.job.match;

import java.util.Objects;

/**
 * A match record ready to write: its JSON and the fields it is ordered and keyed by. A Flink POJO
 * (public fields, no-argument constructor), so it crosses the network without Kryo.
 */
public class MatchOutput {
    /** When the match ended, epoch milliseconds: the record's {@code end}. */
    public long end;

    public String pattern;
    public String matchId;
    public String key;

    /** The match record, one line of JSON. */
    public String json;

    public MatchOutput() {}

    public MatchOutput(long end, String pattern, String matchId, String key, String json) {
        this.end = end;
        this.pattern = pattern;
        this.matchId = matchId;
        this.key = key;
        this.json = json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatchOutput that
                && end == that.end
                && Objects.equals(pattern, that.pattern)
                && Objects.equals(matchId, that.matchId)
                && Objects.equals(key, that.key)
                && Objects.equals(json, that.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(end, pattern, matchId);
    }

    @Override
    public String toString() {
        return json;
    }
}
