package dev.genesis.worker.messaging;

import dev.genesis.common.events.WorkerHeartbeat;
import dev.genesis.worker.config.WorkerIdentity;
import dev.genesis.worker.execution.SlotPool;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.Interceptor;
import jakarta.enterprise.event.Observes;
import java.time.Instant;

/** Tells everyone every heartbeat-interval that this worker lives, with its capacity and partitions. */
@ApplicationScoped
public class HeartbeatSender {

    private final WorkerIdentity identity;
    private final SlotPool slots;
    private final PartitionTracker partitions;
    private final EventPublisher publisher;
    private volatile boolean started;
    private volatile boolean stopped;

    public HeartbeatSender(WorkerIdentity identity, SlotPool slots, PartitionTracker partitions,
            EventPublisher publisher) {
        this.identity = identity;
        this.slots = slots;
        this.partitions = partitions;
        this.publisher = publisher;
    }

    @Scheduled(every = "${genesis.worker.heartbeat-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        if (started && !stopped) {
            publisher.workerEvent(heartbeat());
        }
    }

    /** The scheduler may fire before the messaging channels are wired; beats wait for the end of start-up. */
    void onStarted(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        started = true;
    }

    /** No beat may follow {@link dev.genesis.common.events.WorkerStopped}: it would bring a stopped worker back to life. */
    public void stop() {
        stopped = true;
    }

    void onAssigned(@Observes PartitionTracker.PartitionsAssigned assigned) {
        beat();
    }

    /** The heartbeat as it would be sent now. */
    public WorkerHeartbeat heartbeat() {
        var running = slots.running().stream()
                .map(a -> new WorkerHeartbeat.RunningTask(a.key().runId(), a.key().taskId(), a.key().attempt(),
                        a.percent(), a.startedAt()))
                .toList();
        return new WorkerHeartbeat(identity.id(), identity.host(), identity.url(), slots.slots(), slots.freeSlots(),
                partitions.partitions(), running, slots.draining(), slots.prefetch(), Instant.now());
    }
}
