package dev.genesis.worker.execution;

import dev.genesis.common.events.TaskDispatched;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dispatches waiting for a free slot on this worker: highest priority first, then first come.
 * The Kafka consumer only offers (never blocks); slot threads take.
 */
public final class DispatchQueue {

    private record Waiting(TaskDispatched dispatch, long seq) {
    }

    private static final Comparator<Waiting> ORDER = Comparator
            .comparingInt((Waiting w) -> w.dispatch().priority()).reversed()
            .thenComparingLong(Waiting::seq);

    private final PriorityBlockingQueue<Waiting> queue = new PriorityBlockingQueue<>(16, ORDER);
    private final AtomicLong arrivals = new AtomicLong();

    public void offer(TaskDispatched dispatch) {
        queue.offer(new Waiting(dispatch, arrivals.incrementAndGet()));
    }

    /** The next dispatch, waiting up to {@code timeoutMs}; empty when none came. */
    public Optional<TaskDispatched> poll(long timeoutMs) throws InterruptedException {
        Waiting next = queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
        return Optional.ofNullable(next).map(Waiting::dispatch);
    }

    /** Removes a waiting attempt (it was cancelled before it started). */
    public Optional<TaskDispatched> remove(AttemptKey key) {
        for (Waiting w : queue) {
            if (keyOf(w.dispatch()).equals(key) && queue.remove(w)) {
                return Optional.of(w.dispatch());
            }
        }
        return Optional.empty();
    }

    /** Empties the queue, in order, for a draining worker to hand back. */
    public List<TaskDispatched> drainAll() {
        List<Waiting> drained = new ArrayList<>();
        queue.drainTo(drained);
        drained.sort(ORDER);
        return drained.stream().map(Waiting::dispatch).toList();
    }

    public int size() {
        return queue.size();
    }

    static AttemptKey keyOf(TaskDispatched d) {
        return new AttemptKey(d.runId(), d.taskId(), d.attempt());
    }
}
