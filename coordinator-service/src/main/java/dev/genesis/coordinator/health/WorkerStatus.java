package dev.genesis.coordinator.health;

import dev.genesis.common.events.WorkerHeartbeat;
import java.time.Instant;
import java.util.List;

/** The last known picture of one worker; {@code lastSeen} is the coordinator's clock, not the worker's. */
public record WorkerStatus(String id, String host, String url, WorkerState state, int slots, int freeSlots,
        List<Integer> partitions, List<WorkerHeartbeat.RunningTask> running, boolean draining, Instant lastSeen) {

    static WorkerStatus alive(WorkerHeartbeat beat, Instant seen) {
        return new WorkerStatus(beat.workerId(), beat.host(), beat.url(), WorkerState.ALIVE, beat.slots(),
                beat.freeSlots(), beat.partitions() == null ? List.of() : List.copyOf(beat.partitions()),
                beat.running() == null ? List.of() : List.copyOf(beat.running()), beat.draining(), seen);
    }

    WorkerStatus withState(WorkerState newState) {
        return new WorkerStatus(id, host, url, newState, slots, freeSlots, partitions, running, draining, lastSeen);
    }
}
