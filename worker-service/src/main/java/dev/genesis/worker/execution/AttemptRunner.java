package dev.genesis.worker.execution;

import dev.genesis.common.concurrent.DaemonThreads;
import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.events.TaskFailed;
import dev.genesis.common.events.TaskHandedBack;
import dev.genesis.common.events.TaskStarted;
import dev.genesis.common.events.TaskSucceeded;
import dev.genesis.common.spec.ResourceMode;
import dev.genesis.common.spec.Resources;
import dev.genesis.worker.config.WorkerConfig;
import dev.genesis.worker.config.WorkerIdentity;
import dev.genesis.worker.locks.Lease;
import dev.genesis.worker.locks.LockClient;
import dev.genesis.worker.locks.LockSet;
import dev.genesis.worker.locks.LockUnavailableException;
import dev.genesis.worker.messaging.EventPublisher;
import dev.genesis.worker.spi.TaskExecutor;
import dev.genesis.worker.spi.TaskOutcome;
import dev.genesis.worker.workspace.CommitResult;
import dev.genesis.worker.workspace.WorkspaceClient;
import dev.genesis.worker.workspace.WorkspaceSession;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Runs one attempt on a slot thread, from locks to the final event. The executor itself runs on
 * a thread of its own, so a task that hangs or ignores interrupts costs its slot only until
 * its deadline, never the worker.
 */
@ApplicationScoped
public class AttemptRunner {

    /** Stop causes that are not failures of the task. */
    static final String DRAIN = "drain";
    static final String TIMEOUT = "timeout";
    static final String CANCELLED = "cancelled";
    static final String LOCK_LOST = "lock-lost";
    /** Failure cause of a changeset that met a real conflict; the retry policy decides what follows. */
    static final String CONFLICT = "conflict";

    private static final Logger LOG = Logger.getLogger(AttemptRunner.class);
    private static final Duration CLEANUP_WAIT = Duration.ofSeconds(5);
    private static final int OUTPUT_EXCERPT = 4_000;
    /** A lease taken at dispatch with less life left than this is not run under: the slot asks anew. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(1);

    private final ExecutorRegistry registry;
    private final LockClient locks;
    private final EarlyLocks earlyLocks;
    private final WorkspaceClient workspace;
    private final EventPublisher publisher;
    private final WorkerIdentity identity;
    private final WorkerMetrics metrics;
    private final String coordinatorUrl;
    private final long startReportDelayMs;
    private final boolean leaveLeasesToQueue;
    /** Start reports are cancelled by most attempts (they end first): removed at once, not left to fire as no-ops. */
    private final ScheduledThreadPoolExecutor startReports = new ScheduledThreadPoolExecutor(1,
            DaemonThreads.named("genesis-start-report"));
    private final ExecutorThreads executorThreads = new ExecutorThreads();
    private final LeftLeases leftLeases = new LeftLeases();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("genesis-lock-renewal"));

    public AttemptRunner(ExecutorRegistry registry, LockClient locks, EarlyLocks earlyLocks,
            WorkspaceClient workspace, EventPublisher publisher, WorkerIdentity identity, WorkerMetrics metrics,
            WorkerConfig config) {
        this.registry = registry;
        this.locks = locks;
        this.earlyLocks = earlyLocks;
        this.workspace = workspace;
        this.publisher = publisher;
        this.identity = identity;
        this.metrics = metrics;
        this.coordinatorUrl = config.coordinatorUrl();
        this.startReportDelayMs = config.startReportDelay().toMillis();
        this.leaveLeasesToQueue = config.leaveLeasesToQueue();
        startReports.setRemoveOnCancelPolicy(true);
    }

    void onStop(@Observes ShutdownEvent event) {
        renewals.shutdownNow();
        startReports.shutdownNow();
        executorThreads.shutdownNow();
    }

    /**
     * Runs the attempt to its end and reports it; never throws.
     *
     * @return whether it succeeded (its success is sent before this returns)
     */
    boolean run(RunningAttempt attempt) {
        TaskDispatched d = attempt.dispatch();
        Optional<TaskExecutor> executor = registry.find(d.kind());
        if (executor.isEmpty()) {
            earlyLocks.drop(d);
            fail(d, "error", "this worker has no executor for kind '" + d.kind() + "'; it knows " + registry.kinds(), false);
            return false;
        }
        Resources resources = d.resources() == null ? Resources.NONE : d.resources();
        Lease lease = null;
        LockSet lockSet = LockSet.whileRunning(resources);
        if (!lockSet.isEmpty()) {
            try {
                lease = earlyLocks.claim(attempt.key()).orElse(null);
                if (lease == null && d.lease() != null) {
                    lease = leaseFromDispatch(d);
                }
                if (lease == null) {
                    lease = locks.acquire(identity.id(), attempt.key().holder(), lockSet.writes(), lockSet.reads());
                }
            } catch (LockUnavailableException e) {
                handBack(d, e.getMessage());
                return false;
            } catch (InterruptedException e) {
                handBack(d, "worker draining");
                return false;
            }
        }
        ScheduledFuture<?> renewal = lease == null ? null : scheduleRenewal(lease, attempt);
        WorkspaceSession session = resources.isEmpty() ? null : new WorkspaceSession(workspace,
                new WorkspaceSession.Holder(d.runId(), d.taskId(), d.attempt(), attempt.key().holder()), resources);
        GenesisEvent result = null;
        boolean leaveToQueue = false;
        try {
            result = execute(attempt, executor.get(), session, lease);
            leaveToQueue = leaveLeasesToQueue && result instanceof TaskSucceeded && cameWithDispatch(lease, d);
        } finally {
            if (renewal != null) {
                renewal.cancel(false);
            }
            if (lease != null && !leaveToQueue) {
                release(lease);
            }
        }
        if (leaveToQueue) {
            // The queue took it, the queue gives it back: in the request that takes the locks of the
            // dependents this success readies (no release request of its own, no wait here for one).
            leftLeases.left(attempt.key(), lease);
            metrics.leaseReleased("by-queue");
            result = ((TaskSucceeded) result).leavingLease(lease.leaseId());
        }
        // After a release: the queue dispatches the dependents on this event, and a dependent that
        // reads what this attempt wrote would otherwise find the paths still locked and wait.
        attempt.reported(publisher.taskEvent(result));
        return result instanceof TaskSucceeded;
    }

    /**
     * Releases the lease a succeeded attempt left to the queue, if it did and it is still known
     * here: a continuation or relay of it is about to ask for the same paths, before the queue
     * would release it. Unknown or already released leases are fine.
     */
    void takeBackLeftLease(AttemptKey attempt) {
        leftLeases.takeBack(attempt).ifPresent(this::release);
    }

    private void release(Lease lease) {
        locks.release(lease);
        metrics.leaseReleased("by-worker");
    }

    /** Whether the attempt ran under the lease its dispatch carried (the queue's), not one asked for here. */
    private static boolean cameWithDispatch(Lease lease, TaskDispatched d) {
        return lease != null && d.lease() != null && lease.leaseId().equals(d.lease().leaseId());
    }

    /**
     * The lease the queue took as it dispatched, when this worker may run under it: it must be this
     * worker's (a dispatch read here after its partition moved belongs to another worker, whose
     * death would release it) and have a renewal's worth of life left. Otherwise it is given back
     * and the slot asks itself (null).
     */
    private Lease leaseFromDispatch(TaskDispatched d) {
        Lease granted = EarlyLocks.leaseOf(d.lease());
        boolean usable = identity.id().equals(d.workerId())
                && (granted.expiresAt() == null || granted.expiresAt().isAfter(Instant.now().plus(LEASE_MARGIN)));
        if (!usable) {
            locks.release(granted);
            metrics.earlyLock("dispatched-given-back");
            return null;
        }
        metrics.earlyLock("dispatched-with");
        return granted;
    }

    /** Hands an attempt back unstarted (draining, locks not granted). */
    void handBack(TaskDispatched d, String reason) {
        publisher.taskEvent(handedBack(d, reason));
    }

    /** Reports an attempt failed without running (cancelled while waiting, unknown kind). */
    void fail(TaskDispatched d, String cause, String error, boolean retryable) {
        publisher.taskEvent(failed(d, cause, error, retryable, null));
    }

    private TaskHandedBack handedBack(TaskDispatched d, String reason) {
        metrics.handedBack();
        return new TaskHandedBack(d.runId(), d.taskId(), d.attempt(), identity.id(), Instant.now(), reason);
    }

    /** A failed attempt; {@code startedAt} is its start when that was not reported on its own. */
    private TaskFailed failed(TaskDispatched d, String cause, String error, boolean retryable, Instant startedAt) {
        return new TaskFailed(d.runId(), d.taskId(), d.attempt(), identity.id(), Instant.now(), cause, error,
                retryable, startedAt);
    }

    /** Runs the executor and commits what it changed; returns the attempt's final event, not yet sent. */
    private GenesisEvent execute(RunningAttempt attempt, TaskExecutor executor, WorkspaceSession session,
            Lease lease) {
        TaskDispatched d = attempt.dispatch();
        if (attempt.stopCause() != null) {
            return stopped(attempt, attempt.stopCause(), null);
        }
        Instant started = Instant.now();
        long timeoutMs = d.timeoutMs() > 0 ? d.timeoutMs() : Long.MAX_VALUE / 4;
        Instant deadline = started.plusMillis(timeoutMs);
        StartReport start = StartReport.schedule(started, () -> publisher.taskEvent(
                new TaskStarted(d.runId(), d.taskId(), d.attempt(), identity.id(), started)),
                startReportDelayMs, startReports);
        AttemptContext context = new AttemptContext(attempt, identity.id(), deadline, identity.scratchDir(),
                coordinatorUrl, publisher, start);
        try {
            CompletableFuture<TaskOutcome> result = startExecutor(attempt, executor, context, session);
            awaitEnd(attempt, result, timeoutMs);
            if (result.isDone() && !result.isCompletedExceptionally()) {
                TaskOutcome outcome = result.join();
                Optional<GenesisEvent> commitFailure = !outcome.succeeded() || session == null ? Optional.empty()
                        : commitFailure(attempt, session, lease, started, start);
                return commitFailure.orElseGet(() -> outcomeOf(d, outcome, Duration.between(started, Instant.now()),
                        start.end()));
            }
            Duration took = Duration.between(started, Instant.now());
            if (attempt.stopCause() != null) {
                metrics.finished(took, false);
                return stopped(attempt, attempt.stopCause(), start.end());
            }
            return outcomeOf(d, failureOf(result), took, start.end());
        } finally {
            start.end();
            context.cleanUp();
        }
    }

    private CompletableFuture<TaskOutcome> startExecutor(RunningAttempt attempt, TaskExecutor executor,
            AttemptContext context, WorkspaceSession session) {
        CompletableFuture<TaskOutcome> result = new CompletableFuture<>();
        executorThreads.run(attempt, () -> {
            try {
                // Fetched on the executor's thread so that the deadline and cancel cover a slow coordinator too.
                // A kind that needs no files (noop, sleep with resources) gets no scratch folder either.
                List<String> paths = session == null ? List.of() : executor.workspacePaths(context);
                if (!paths.isEmpty()) {
                    session.fetch(paths, context.workspace());
                }
                TaskOutcome outcome = executor.execute(context);
                result.complete(outcome == null ? TaskOutcome.success(null) : outcome);
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Waits for the executor, its deadline or a stop; a stopped executor gets a moment to clean up. */
    private static void awaitEnd(RunningAttempt attempt, CompletableFuture<TaskOutcome> result, long timeoutMs) {
        try {
            CompletableFuture.anyOf(result, attempt.stopped()).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            attempt.stop(TIMEOUT);
        } catch (ExecutionException e) {
            // the executor threw: reported from the result below
        } catch (InterruptedException e) {
            attempt.stop(DRAIN);
        }
        if (!result.isDone()) {
            try {
                result.get(CLEANUP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // stopped: the cause is what gets reported
            }
        }
    }

    private static TaskOutcome failureOf(CompletableFuture<TaskOutcome> result) {
        try {
            result.join();
            return TaskOutcome.failure("executor ended without an outcome", true);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
            return TaskOutcome.failure(message, !(cause instanceof IllegalArgumentException));
        }
    }

    /**
     * Commits what a succeeded attempt changed in the workspace; empty when it landed (or there was
     * nothing to commit), else the attempt's failure.
     */
    private Optional<GenesisEvent> commitFailure(RunningAttempt attempt, WorkspaceSession session, Lease lease,
            Instant started, StartReport start) {
        TaskDispatched d = attempt.dispatch();
        CommitResult answer = null;
        if (attempt.stopCause() == null) {
            try {
                answer = commitUnderWriteLocks(attempt, session, lease);
            } catch (InterruptedException e) {
                attempt.stop(DRAIN);
            }
        }
        if (answer instanceof CommitResult.Committed) {
            return Optional.empty();
        }
        metrics.finished(Duration.between(started, Instant.now()), false);
        if (answer instanceof CommitResult.Conflict c) {
            return Optional.of(failed(d, CONFLICT, "merge conflict on " + String.join(", ", c.paths()) + ": "
                    + c.detail(), true, start.end()));
        } else if (answer instanceof CommitResult.StaleToken s) {
            attempt.stop(LOCK_LOST);
            return Optional.of(failed(d, LOCK_LOST, "changeset refused, the locks were lost: " + s.detail(), true,
                    start.end()));
        } else if (answer instanceof CommitResult.Rejected r) {
            return Optional.of(failed(d, "error", r.detail(), r.retryable(), start.end()));
        }
        return Optional.of(stopped(attempt, attempt.stopCause(), start.end()));
    }

    /**
     * In lock mode the attempt's own lease covers its writes. In merge mode the write locks are
     * taken only around the commit, so that merge-mode writers of one file run at the same time
     * and the coordinator merges what they changed.
     */
    private CommitResult commitUnderWriteLocks(RunningAttempt attempt, WorkspaceSession session, Lease lease)
            throws InterruptedException {
        Resources resources = attempt.dispatch().resources();
        if (resources.mode() != ResourceMode.MERGE) {
            return lease == null ? CommitResult.NOTHING : session.commit(lease.leaseId(), lease.token());
        }
        try {
            if (!session.hasChanges()) {
                return CommitResult.NOTHING;
            }
        } catch (IOException e) {
            return new CommitResult.Rejected("cannot read the task's changes: " + e.getMessage(), true);
        }
        Lease commitLease;
        try {
            commitLease = locks.acquire(identity.id(), attempt.key().holder(), resources.writes(), List.of());
        } catch (LockUnavailableException e) {
            return new CommitResult.Rejected("write locks for the commit not granted: " + e.getMessage(), true);
        }
        try {
            return session.commit(commitLease.leaseId(), commitLease.token());
        } finally {
            locks.release(commitLease);
        }
    }

    /** The executor's outcome as an event; {@code startedAt} is the start when it was not reported on its own. */
    private GenesisEvent outcomeOf(TaskDispatched d, TaskOutcome outcome, Duration took, Instant startedAt) {
        metrics.finished(took, outcome.succeeded());
        if (outcome.succeeded()) {
            return new TaskSucceeded(d.runId(), d.taskId(), d.attempt(), identity.id(), Instant.now(),
                    excerpt(outcome.output()), startedAt);
        }
        return failed(d, "error", outcome.error() == null ? "failed" : outcome.error(), outcome.retryable(), startedAt);
    }

    private GenesisEvent stopped(RunningAttempt attempt, String cause, Instant startedAt) {
        TaskDispatched d = attempt.dispatch();
        return switch (cause) {
            case DRAIN -> handedBack(d, "worker draining");
            case TIMEOUT -> failed(d, TIMEOUT, "timed out after " + d.timeoutMs() + " ms", true, startedAt);
            case LOCK_LOST -> failed(d, LOCK_LOST, "the lease of its locks was lost", true, startedAt);
            default -> failed(d, CANCELLED, "cancelled", false, startedAt);
        };
    }

    /**
     * Renews every third of the lease. The lease is lost when the coordinator says so, and also
     * when no renewal has succeeded for a whole lease: by then the coordinator may have granted
     * the paths to someone else, so going on would race the new holder.
     */
    private ScheduledFuture<?> scheduleRenewal(Lease lease, RunningAttempt attempt) {
        long leaseNanos = locks.lease().toNanos();
        long every = Math.max(100, locks.lease().toMillis() / 3);
        long[] lastRenewed = {System.nanoTime()};
        // A lease taken earlier (by the queue, or early) may have less than a whole lease left.
        long first = lease.expiresAt() == null ? every
                : Math.max(100, Math.min(every, Duration.between(Instant.now(), lease.expiresAt()).toMillis() / 2));
        return renewals.scheduleAtFixedRate(() -> {
            LockClient.Renewal renewal = locks.renew(lease);
            if (renewal == LockClient.Renewal.RENEWED) {
                lastRenewed[0] = System.nanoTime();
            } else if (renewal == LockClient.Renewal.GONE) {
                LOG.warnf("lease %s of %s is gone; stopping the attempt", lease.leaseId(), attempt.key().holder());
                attempt.stop(LOCK_LOST);
            } else if (System.nanoTime() - lastRenewed[0] >= leaseNanos) {
                LOG.warnf("lease %s of %s not renewed for %d ms; stopping the attempt", lease.leaseId(),
                        attempt.key().holder(), locks.lease().toMillis());
                attempt.stop(LOCK_LOST);
            }
        }, first, every, TimeUnit.MILLISECONDS);
    }

    private static String excerpt(String output) {
        if (output == null || output.length() <= OUTPUT_EXCERPT) {
            return output;
        }
        return "…" + output.substring(output.length() - OUTPUT_EXCERPT);
    }
}
