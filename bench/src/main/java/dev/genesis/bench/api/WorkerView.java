package dev.genesis.bench.api;

import java.util.List;

/**
 * One worker as the coordinator's {@code GET /api/workers} lists it; {@code partitions} are the
 * partitions of {@code genesis.tasks.ready} its last heartbeat said it owns.
 */
public record WorkerView(String id, String host, String url, String state, int slots, int freeSlots,
        List<Integer> partitions) {

    public WorkerView {
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }

    public boolean isAlive() {
        return "ALIVE".equals(state);
    }
}
