package dev.genesis.coordinator.health;

import dev.genesis.common.events.WorkerHeartbeat;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The workers the coordinator knows, with their health. */
@Path("/api/workers")
@Produces(MediaType.APPLICATION_JSON)
public class WorkerResource {

    /** One worker as the API shows it. */
    public record WorkerView(String id, String host, String url, WorkerState state, int slots, int freeSlots,
            List<Integer> partitions, List<WorkerHeartbeat.RunningTask> running, boolean draining,
            Instant lastSeen, long heartbeatAgeMs) {
    }

    private final WorkerRegistry registry;

    public WorkerResource(WorkerRegistry registry) {
        this.registry = registry;
    }

    @GET
    public List<WorkerView> list() {
        Instant now = Instant.now();
        return registry.all().stream().map(w -> new WorkerView(w.id(), w.host(), w.url(), w.state(), w.slots(),
                w.freeSlots(), w.partitions(), w.running(), w.draining(), w.lastSeen(),
                Duration.between(w.lastSeen(), now).toMillis())).toList();
    }
}
