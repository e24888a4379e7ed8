package dev.genesis.queue.scheduling;

import dev.genesis.queue.config.QueueConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live workers as their heartbeats describe them. Workers silent for longer than
 * {@code genesis.queue.worker-expiry} are left out; the coordinator declares them dead.
 */
@ApplicationScoped
public class CapacityView {

    private final Map<String, WorkerCapacity> workers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> nextPartition = new ConcurrentHashMap<>();
    private final QueueConfig config;

    public CapacityView(QueueConfig config) {
        this.config = config;
    }

    /** Records a heartbeat; true when it adds capacity the dispatcher has not seen yet. */
    public boolean update(WorkerCapacity worker) {
        if (config.workerIdPrefix().isPresent() && !worker.workerId().startsWith(config.workerIdPrefix().get())) {
            return false;
        }
        WorkerCapacity before = workers.put(worker.workerId(), worker);
        return before == null || !before.accepting() && worker.accepting() || before.slots() < worker.slots()
                || before.prefetch() < worker.prefetch()
                || expired(before, worker.lastSeen());
    }

    public void remove(String workerId) {
        workers.remove(workerId);
    }

    /** Workers that can take a dispatch now. */
    public List<WorkerCapacity> accepting(Instant now) {
        return workers.values().stream().filter(w -> w.accepting() && !expired(w, now)).toList();
    }

    /** The next partition of this worker, round robin, so that its partitions share the load. */
    public int nextPartitionOf(WorkerCapacity worker) {
        int i = nextPartition.computeIfAbsent(worker.workerId(), k -> new AtomicInteger()).getAndIncrement();
        return worker.partitions().get(Math.floorMod(i, worker.partitions().size()));
    }

    /** A partition the worker consumes, or null when it is unknown here (then the key decides). */
    public Integer anyPartitionOf(String workerId) {
        WorkerCapacity w = workerId == null ? null : workers.get(workerId);
        return w == null || w.partitions().isEmpty() ? null : w.partitions().get(0);
    }

    private boolean expired(WorkerCapacity w, Instant now) {
        return w.lastSeen().plus(config.workerExpiry()).isBefore(now);
    }
}
