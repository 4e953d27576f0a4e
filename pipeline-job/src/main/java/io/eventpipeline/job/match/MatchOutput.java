package io.eventpipeline.job.match;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    /**
     * The match record, one line of JSON in UTF-8: the bytes the sink writes, so that a record is
     * not copied between text and bytes on its way out.
     */
    public byte[] record;

    public MatchOutput() {}

    public MatchOutput(long end, String pattern, String matchId, String key, byte[] record) {
        this.end = end;
        this.pattern = pattern;
        this.matchId = matchId;
        this.key = key;
        this.record = record;
    }

    /** The match record as text. */
    public String json() {
        return new String(record, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatchOutput that
                && end == that.end
                && Objects.equals(pattern, that.pattern)
                && Objects.equals(matchId, that.matchId)
                && Objects.equals(key, that.key)
                && Arrays.equals(record, that.record);
    }

    @Override
    public int hashCode() {
        return Objects.hash(end, pattern, matchId);
    }

    @Override
    public String toString() {
        return json();
    }
}
