package io.eventpipeline.job.topology;

import io.eventpipeline.job.event.PipelineEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Names a numbering of condition slots: a hash of what each slot holds (its step, where or until,
 * and expression) and of this scheme's version. Two numberings get the same layout only if every
 * slot means the same, so an outcome stamped with a layout can be trusted by any reader that
 * computes the same layout, and by no other.
 */
final class ConditionLayout {
    /** Raise when slots are numbered differently for the same conditions. */
    private static final String SCHEME = "condition-layout-v1";

    private ConditionLayout() {}

    /**
     * @param slots what each slot holds, in slot order, e.g. {@code steps[1].where: event.x == 1}
     */
    static int of(List<String> slots) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(SCHEME.getBytes(StandardCharsets.UTF_8));
            for (String slot : slots) {
                digest.update((byte) '\n');
                digest.update(slot.getBytes(StandardCharsets.UTF_8));
            }
            int layout = ByteBuffer.wrap(digest.digest()).getInt();
            return layout == PipelineEvent.NO_LAYOUT ? 1 : layout;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
