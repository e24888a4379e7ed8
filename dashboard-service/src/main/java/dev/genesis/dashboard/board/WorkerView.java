package dev.genesis.dashboard.board;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A worker as the dashboard shows it, with the attempts its last heartbeat reported. */
public record WorkerView(String id, String host, String url, int slots, int free, int busy, WorkerStatus state,
        Instant lastSeen, long heartbeatAgeMs, List<Integer> partitions, List<Running> running) {

    /** One attempt the worker runs. */
    public record Running(UUID runId, String taskId, int attempt, Integer percent, Instant startedAt) {
    }
}
