package dev.genesis.worker.execution;

import dev.genesis.common.events.TaskDispatched;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An attempt that holds a slot. Whoever stops it (cancel request, timeout, lost lock, drain)
 * records the first cause only; the slot thread waits on {@link #stopped()}.
 */
public final class RunningAttempt {

    private final TaskDispatched dispatch;
    private final Instant startedAt;
    private final AtomicReference<String> stopCause = new AtomicReference<>();
    private final CompletableFuture<String> stopped = new CompletableFuture<>();
    private volatile Integer percent;
    private volatile CompletionStage<Void> reported = CompletableFuture.completedFuture(null);
    private Thread thread;

    public RunningAttempt(TaskDispatched dispatch, Instant startedAt) {
        this.dispatch = dispatch;
        this.startedAt = startedAt;
    }

    public AttemptKey key() {
        return DispatchQueue.keyOf(dispatch);
    }

    public TaskDispatched dispatch() {
        return dispatch;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Integer percent() {
        return percent;
    }

    void percent(Integer value) {
        if (value != null) {
            percent = value;
        }
    }

    /** Completes when the attempt's result reached the broker (at once until a result was sent). */
    CompletionStage<Void> reported() {
        return reported;
    }

    void reported(CompletionStage<Void> delivery) {
        reported = delivery;
    }

    /** Stops the attempt for {@code cause}; true when this call was the first to stop it. */
    public boolean stop(String cause) {
        if (!stopCause.compareAndSet(null, cause)) {
            return false;
        }
        interruptExecutor();
        stopped.complete(cause);
        return true;
    }

    /** Why it was stopped, or null while it may still run to its end. */
    public String stopCause() {
        return stopCause.get();
    }

    CompletableFuture<String> stopped() {
        return stopped;
    }

    /** The thread that runs the executor; interrupted when the attempt is stopped. */
    synchronized void executorThread(Thread t) {
        this.thread = t;
        if (stopCause.get() != null) {
            t.interrupt();
        }
    }

    /** The executor has returned: its thread may run another attempt and must not be interrupted for this one. */
    synchronized void executorDone() {
        this.thread = null;
    }

    private synchronized void interruptExecutor() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
