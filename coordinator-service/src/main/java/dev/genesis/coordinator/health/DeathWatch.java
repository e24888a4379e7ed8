package dev.genesis.coordinator.health;

import dev.genesis.common.events.EventCodec;
import dev.genesis.common.events.WorkerDeclaredDead;
import dev.genesis.coordinator.config.CoordinatorConfig;
import dev.genesis.coordinator.locks.LockManager;
import dev.genesis.coordinator.locks.LockUnavailableException;
import dev.genesis.coordinator.metrics.CoordinatorMetrics;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Declares silent workers dead: releases their leases and publishes {@code WorkerDeclaredDead},
 * on which the queue re-dispatches their attempts.
 */
@ApplicationScoped
public class DeathWatch {

    static final String SOURCE = "/genesis/coordinator";
    private static final Logger LOG = Logger.getLogger(DeathWatch.class);

    private final WorkerRegistry registry;
    private final LockManager locks;
    private final CoordinatorConfig config;
    private final Emitter<String> out;
    private final CoordinatorMetrics metrics;
    private final EventCodec codec = new EventCodec(SOURCE);

    public DeathWatch(WorkerRegistry registry, LockManager locks, CoordinatorConfig config,
            @Channel("heartbeats-out") Emitter<String> out, CoordinatorMetrics metrics) {
        this.registry = registry;
        this.locks = locks;
        this.config = config;
        this.out = out;
        this.metrics = metrics;
    }

    @Scheduled(every = "PT0.5S", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        Instant now = Instant.now();
        for (WorkerStatus silent : registry.silent(now, config.deadAfter())) {
            if (registry.declareDead(silent)) {
                LOG.warnf("worker %s silent since %s: declared dead", silent.id(), silent.lastSeen());
                metrics.workerDeclaredDead();
                releaseLeases(silent.id());
                announce(new WorkerDeclaredDead(silent.id(), silent.lastSeen(), now));
            }
        }
    }

    private void releaseLeases(String workerId) {
        try {
            LOG.infof("released %d lease(s) of dead worker %s", locks.releaseAllOf(workerId), workerId);
        } catch (LockUnavailableException e) {
            // Its leases still expire on their own; the fence keeps its late writes out meanwhile.
            LOG.warnf("could not release the leases of dead worker %s now: %s", workerId, e.getMessage());
        }
    }

    private void announce(WorkerDeclaredDead event) {
        out.send(Message.of(codec.encode(event)).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build()));
    }
}
