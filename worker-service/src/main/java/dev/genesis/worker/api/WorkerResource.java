package dev.genesis.worker.api;

import dev.genesis.worker.config.WorkerIdentity;
import dev.genesis.worker.execution.ExecutorRegistry;
import dev.genesis.worker.execution.SlotPool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import dev.genesis.worker.messaging.PartitionTracker;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** This worker at a glance, for humans: who it is, its slots and what runs on them. */
@Path("/api/worker")
@Produces(MediaType.APPLICATION_JSON)
public class WorkerResource {

    /** The view returned by {@code GET /api/worker}. */
    public record WorkerView(String id, String host, String url, int slots, int freeSlots, boolean draining,
            List<Integer> partitions, Set<String> kinds, List<RunningView> running) {
    }

    /** One running attempt. */
    public record RunningView(UUID runId, String taskId, int attempt, String kind, Integer percent, Instant startedAt) {
    }

    private final WorkerIdentity identity;
    private final SlotPool slots;
    private final PartitionTracker partitions;
    private final ExecutorRegistry executors;

    public WorkerResource(WorkerIdentity identity, SlotPool slots, PartitionTracker partitions,
            ExecutorRegistry executors) {
        this.identity = identity;
        this.slots = slots;
        this.partitions = partitions;
        this.executors = executors;
    }

    @GET
    public WorkerView get() {
        List<RunningView> running = slots.running().stream()
                .map(a -> new RunningView(a.key().runId(), a.key().taskId(), a.key().attempt(), a.dispatch().kind(),
                        a.percent(), a.startedAt()))
                .toList();
        return new WorkerView(identity.id(), identity.host(), identity.url(), slots.slots(), slots.freeSlots(),
                slots.draining(), partitions.partitions(), executors.kinds(), running);
    }
}
