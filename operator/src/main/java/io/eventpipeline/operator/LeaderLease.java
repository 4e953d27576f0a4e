package io.eventpipeline.operator;

import io.eventpipeline.operator.config.OperatorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's hold on the leader lease. JOSDK runs the election; this class decides what ending
 * the hold means, because JOSDK 5.2 cannot: it calls {@code System.exit} both when another replica
 * takes the lease and when we stop the operator ourselves (which deadlocks when the stop runs in a
 * shutdown hook), and it never releases the lease (its elector is built with release-on-cancel off
 * and not exposed). So JOSDK is told not to exit; a loss we did not cause completes {@link #lost()}
 * for the caller to act on, and {@link #release} hands the lease over after a stop we asked for.
 */
final class LeaderLease {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderLease.class);

    private final OperatorConfig.LeaderElection settings;
    private final CompletableFuture<Void> lost = new CompletableFuture<>();
    private volatile boolean stopping;

    LeaderLease(OperatorConfig.LeaderElection settings) {
        this.settings = settings;
    }

    /** JOSDK's leader election settings for this lease. */
    LeaderElectionConfiguration josdkConfiguration() {
        return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(settings.leaseName())
                .withLeaseNamespace(settings.leaseNamespace())
                .withIdentity(settings.identity())
                .withExitOnStopLeading(false)
                .withLeaderCallbacks(new LeaderCallbacks(() -> {}, this::stoppedLeading, l -> {}))
                .build();
    }

    private void stoppedLeading() {
        if (stopping) {
            return; // our own stop: not a loss
        }
        if (lost.complete(null)) {
            LOG.warn(
                    "lost the lease {}/{}: another replica leads now",
                    settings.leaseNamespace(),
                    settings.leaseName());
        }
    }

    /** Completes when another replica took the lease while this one was running. */
    CompletionStage<Void> lost() {
        return lost.minimalCompletionStage();
    }

    /** Call before stopping the operator: the end of leadership that follows is not a loss. */
    void stopping() {
        stopping = true;
    }

    /**
     * Clears the holder if it is still this replica, so a follower takes over at its next retry
     * instead of after the lease expires. Only once JOSDK has stopped renewing (after {@code
     * Operator.stop()}); the write carries the lease's resource version, so it never clears a hold
     * another replica has taken since.
     *
     * @return whether the lease was released
     */
    boolean release(KubernetesClient client) {
        // fabric8's elector knows how to release; this one only releases, it never runs.
        var config =
                new LeaderElectionConfig(
                        new LeaseLock(
                                settings.leaseNamespace(),
                                settings.leaseName(),
                                settings.identity()),
                        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                        new LeaderCallbacks(() -> {}, () -> {}, l -> {}),
                        true,
                        settings.leaseName());
        try {
            boolean released =
                    new LeaderElectorBuilder(client, Runnable::run)
                            .withConfig(config)
                            .build()
                            .release();
            if (released) {
                LOG.info(
                        "released the lease {}/{}",
                        settings.leaseNamespace(),
                        settings.leaseName());
            }
            return released;
        } catch (RuntimeException e) {
            // Not fatal: the lease then passes on when it expires.
            LOG.warn(
                    "could not release the lease {}/{}: {}",
                    settings.leaseNamespace(),
                    settings.leaseName(),
                    e.toString());
            return false;
        }
    }
}
