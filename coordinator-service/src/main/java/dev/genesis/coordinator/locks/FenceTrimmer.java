package dev.genesis.coordinator.locks;

import dev.genesis.coordinator.config.CoordinatorConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Keeps the fence hash from growing with every path ever locked: a workflow whose runs write
 * their own files (outputs named per run) would otherwise leave one Redis entry per file forever.
 * Every coordinator instance runs it; the trim is one atomic script, so two at once are harmless.
 */
@ApplicationScoped
public class FenceTrimmer {

    private static final Logger LOG = Logger.getLogger(FenceTrimmer.class);

    private final LockManager locks;
    private final CoordinatorConfig config;

    public FenceTrimmer(LockManager locks, CoordinatorConfig config) {
        this.locks = locks;
        this.config = config;
    }

    @Scheduled(every = "${genesis.coordinator.fence-trim-every}", delayed = "${genesis.coordinator.fence-trim-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void trim() {
        try {
            LockManager.FenceTrim done = locks.trimFence(config.fencePaths());
            if (done.removed() > 0) {
                LOG.infof("trimmed %d fencing mark(s) older than every live lease; floor now %d", done.removed(),
                        done.floor());
            }
        } catch (LockUnavailableException e) {
            LOG.debugf("fence trim skipped: %s", e.getMessage());
        }
    }
}
