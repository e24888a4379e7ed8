package dev.genesis.coordinator.health;

import dev.genesis.common.events.WorkerHeartbeat;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Live view of the workers, fed by heartbeats; every change is one atomic map operation. */
@ApplicationScoped
public class WorkerRegistry {

    private final ConcurrentMap<String, WorkerStatus> workers = new ConcurrentHashMap<>();

    /**
     * Records a heartbeat; answers the state the worker had before (empty when new). A worker that
     * said it stopped stays STOPPED: worker ids are unique per process, so a beat still in flight
     * after its goodbye must not bring it back (and later have it declared dead).
     */
    public Optional<WorkerState> heartbeat(WorkerHeartbeat beat, Instant seen) {
        WorkerStatus[] previous = new WorkerStatus[1];
        workers.compute(beat.workerId(), (id, known) -> {
            previous[0] = known;
            return known != null && known.state() == WorkerState.STOPPED ? known : WorkerStatus.alive(beat, seen);
        });
        return Optional.ofNullable(previous[0]).map(WorkerStatus::state);
    }

    /** Marks a worker stopped; false when it was unknown. */
    public boolean stopped(String workerId) {
        return workers.computeIfPresent(workerId, (id, w) -> w.withState(WorkerState.STOPPED)) != null;
    }

    /** Alive workers whose last heartbeat is older than {@code deadAfter}. */
    public List<WorkerStatus> silent(Instant now, Duration deadAfter) {
        List<WorkerStatus> out = new ArrayList<>();
        for (WorkerStatus w : workers.values()) {
            if (w.state() == WorkerState.ALIVE && w.lastSeen().plus(deadAfter).isBefore(now)) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Declares a silent worker dead, unless a heartbeat arrived since {@code seen} was read:
     * only the exact status that was judged silent is replaced.
     */
    public boolean declareDead(WorkerStatus seen) {
        return workers.replace(seen.id(), seen, seen.withState(WorkerState.DEAD));
    }

    public List<WorkerStatus> all() {
        return workers.values().stream().sorted(Comparator.comparing(WorkerStatus::id)).toList();
    }

    public long aliveCount() {
        return workers.values().stream().filter(w -> w.state() == WorkerState.ALIVE).count();
    }
}
