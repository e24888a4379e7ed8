package dev.genesis.worker.execution;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Slot bookkeeping: which attempts hold a slot right now, and how many slots are free. */
public final class RunningAttempts {

    private final int slots;
    private final Map<AttemptKey, RunningAttempt> running = new ConcurrentHashMap<>();

    public RunningAttempts(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a worker needs at least one slot, not " + slots);
        }
        this.slots = slots;
    }

    /** Takes a slot; false when all are busy or the same attempt already runs here. */
    public synchronized boolean occupy(RunningAttempt attempt) {
        if (running.size() >= slots || running.containsKey(attempt.key())) {
            return false;
        }
        running.put(attempt.key(), attempt);
        return true;
    }

    public void free(AttemptKey key) {
        running.remove(key);
    }

    public Optional<RunningAttempt> find(AttemptKey key) {
        return Optional.ofNullable(running.get(key));
    }

    public List<RunningAttempt> all() {
        return List.copyOf(running.values());
    }

    public int slots() {
        return slots;
    }

    public int busy() {
        return running.size();
    }

    public int free() {
        return Math.max(0, slots - running.size());
    }
}
