package dev.genesis.coordinator.health;

import dev.genesis.common.events.EventCodec;
import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.WorkerHeartbeat;
import dev.genesis.common.events.WorkerStopped;
import dev.genesis.common.kafka.Topics;
import dev.genesis.coordinator.locks.LockManager;
import dev.genesis.coordinator.locks.LockUnavailableException;
import dev.genesis.coordinator.metrics.CoordinatorMetrics;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds the registry from {@code genesis.workers.heartbeats}. An unreadable record throws, so
 * the channel's dead-letter strategy sends it to {@code genesis.tasks.dlq} with the reason and
 * consumption goes on. Our own {@code WorkerDeclaredDead} comes back here and is ignored.
 */
@ApplicationScoped
public class HeartbeatConsumer {

    private static final Logger LOG = Logger.getLogger(HeartbeatConsumer.class);

    private final EventCodec codec;
    private final WorkerRegistry registry;
    private final LockManager locks;
    private final CoordinatorMetrics metrics;

    public HeartbeatConsumer(WorkerRegistry registry, LockManager locks, CoordinatorMetrics metrics) {
        this.codec = new EventCodec(DeathWatch.SOURCE);
        this.registry = registry;
        this.locks = locks;
        this.metrics = metrics;
    }

    @Incoming(Topics.WORKERS_HEARTBEATS)
    @Blocking
    public void onRecord(String value) {
        try {
            apply(value);
        } catch (RuntimeException e) {
            // The channel's failure strategy sends the record to the DLQ.
            metrics.deadLettered(Topics.WORKERS_HEARTBEATS);
            throw e;
        }
    }

    private void apply(String value) {
        Optional<GenesisEvent> event = codec.decode(value);
        if (event.isEmpty()) {
            return;
        }
        if (event.get() instanceof WorkerHeartbeat beat) {
            Optional<WorkerState> before = registry.heartbeat(beat, Instant.now());
            if (before.isPresent() && before.get() == WorkerState.DEAD) {
                LOG.infof("worker %s is heartbeating again (was %s)", beat.workerId(), before.get());
            }
        } else if (event.get() instanceof WorkerStopped stopped) {
            registry.stopped(stopped.workerId());
            releaseLeases(stopped.workerId());
        }
    }

    private void releaseLeases(String workerId) {
        try {
            int released = locks.releaseAllOf(workerId);
            LOG.infof("worker %s stopped; released %d lease(s)", workerId, released);
        } catch (LockUnavailableException e) {
            LOG.warnf("worker %s stopped but its leases could not be released now (they expire): %s",
                    workerId, e.getMessage());
        }
    }
}
