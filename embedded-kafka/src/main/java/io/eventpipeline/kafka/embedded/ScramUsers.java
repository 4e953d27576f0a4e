package io.eventpipeline.kafka.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * SCRAM-SHA-512 credentials, stored in the cluster metadata through the PLAINTEXT listener after
 * start-up (KRaft keeps them there; upserting again on a restart changes nothing).
 */
final class ScramUsers {

    private static final int ITERATIONS = 4096;

    private final Map<String, String> usernameToPassword;

    ScramUsers(Map<String, String> usernameToPassword) {
        this.usernameToPassword = Map.copyOf(usernameToPassword);
    }

    boolean isEmpty() {
        return usernameToPassword.isEmpty();
    }

    /** Upserts every user and waits until the broker describes them all. */
    void storeIn(Map<String, Object> plaintextClientConfig, Duration timeout) {
        if (usernameToPassword.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        ScramCredentialInfo info =
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS);
        List<UserScramCredentialAlteration> upserts =
                usernameToPassword.entrySet().stream()
                        .<UserScramCredentialAlteration>map(
                                user ->
                                        new UserScramCredentialUpsertion(
                                                user.getKey(), info, user.getValue()))
                        .toList();
        try (Admin admin = Admin.create(plaintextClientConfig)) {
            admin.alterUserScramCredentials(upserts)
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Set<String> wanted = usernameToPassword.keySet();
            while (!admin.describeUserScramCredentials()
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .keySet()
                    .containsAll(wanted)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("SCRAM users not visible: " + wanted);
                }
                Thread.sleep(50);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not store SCRAM users", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while storing SCRAM users", e);
        }
    }
}
