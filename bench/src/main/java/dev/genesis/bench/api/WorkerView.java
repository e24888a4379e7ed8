package dev.genesis.bench.api;

/** One worker as the coordinator's {@code GET /api/workers} lists it. */
public record WorkerView(String id, String host, String url, String state, int slots, int freeSlots) {

    public boolean isAlive() {
        return "ALIVE".equals(state);
    }
}
