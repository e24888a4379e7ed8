package dev.genesis.worker.execution;

import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.events.TaskProgressed;
import dev.genesis.common.spec.Resources;
import dev.genesis.worker.messaging.EventPublisher;
import dev.genesis.worker.spi.TaskContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The {@link TaskContext} of one attempt: progress with a rate limit, cancellation, a scratch folder. */
final class AttemptContext implements TaskContext {

    /** At most about five progress events per second per attempt: the dashboard needs no more. */
    private static final long PROGRESS_INTERVAL_NANOS = 200_000_000L;

    private final RunningAttempt attempt;
    private final String workerId;
    private final Instant deadline;
    private final Path scratchRoot;
    private final String coordinatorUrl;
    private final EventPublisher publisher;
    private final StartReport start;
    private long lastProgressNanos = System.nanoTime() - PROGRESS_INTERVAL_NANOS;
    private Path workspace;

    AttemptContext(RunningAttempt attempt, String workerId, Instant deadline, Path scratchRoot,
            String coordinatorUrl, EventPublisher publisher, StartReport start) {
        this.attempt = attempt;
        this.workerId = workerId;
        this.deadline = deadline;
        this.scratchRoot = scratchRoot;
        this.coordinatorUrl = coordinatorUrl;
        this.publisher = publisher;
        this.start = start;
    }

    private TaskDispatched dispatch() {
        return attempt.dispatch();
    }

    @Override
    public UUID runId() {
        return dispatch().runId();
    }

    @Override
    public String taskId() {
        return dispatch().taskId();
    }

    @Override
    public int attempt() {
        return dispatch().attempt();
    }

    @Override
    public String workerId() {
        return workerId;
    }

    @Override
    public Map<String, Object> params() {
        return dispatch().params() == null ? Map.of() : dispatch().params();
    }

    @Override
    public Resources resources() {
        return dispatch().resources() == null ? Resources.NONE : dispatch().resources();
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public boolean isCancelled() {
        return attempt.stopCause() != null;
    }

    @Override
    public void progress(Integer percent, String message) {
        attempt.percent(percent);
        if (isCancelled()) {
            return;
        }
        TaskProgressed event = new TaskProgressed(runId(), taskId(), attempt(), workerId, percent, message,
                Instant.now());
        // Until its start is said, the latest progress waits for it (or for the result that supersedes it).
        if (start.hold(() -> publisher.taskEvent(event))) {
            return;
        }
        synchronized (this) {
            long now = System.nanoTime();
            if (now - lastProgressNanos < PROGRESS_INTERVAL_NANOS) {
                return;
            }
            lastProgressNanos = now;
        }
        publisher.taskEvent(event);
    }

    @Override
    public synchronized Path workspace() {
        if (workspace == null) {
            try {
                workspace = ScratchFolders.create(scratchRoot, runId(), taskId(), attempt());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the scratch folder of " + taskId() + " under "
                        + scratchRoot, e);
            }
        }
        return workspace;
    }

    @Override
    public String coordinatorUrl() {
        return coordinatorUrl;
    }

    /** Deletes the scratch folder (and the run's folder once empty); best effort. */
    synchronized void cleanUp() {
        if (workspace != null) {
            ScratchFolders.delete(workspace);
        }
    }
}
