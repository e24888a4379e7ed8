package dev.genesis.queue.scheduling;

import dev.genesis.common.events.RunDeleted;
import dev.genesis.common.events.RunStateChanged;
import dev.genesis.common.events.RunSubmitted;
import dev.genesis.common.events.TaskCancelRequested;
import dev.genesis.common.events.TaskStateChanged;
import dev.genesis.common.spec.RunGraph;
import dev.genesis.common.state.RunState;
import dev.genesis.common.state.TaskState;
import dev.genesis.queue.api.ApiProblem;
import dev.genesis.queue.messaging.Outbox;
import dev.genesis.queue.store.Db;
import dev.genesis.queue.store.RunDeletion;
import dev.genesis.queue.store.RunRow;
import dev.genesis.queue.store.RunStore;
import dev.genesis.queue.store.TaskRow;
import dev.genesis.queue.store.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What users ask of runs: submit, cancel, retry, delete. Each is one transaction; events go out after it. */
@ApplicationScoped
public class RunService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RunService.class);

    private final Db db;
    private final RunStore runs;
    private final TaskStore tasks;
    private final dev.genesis.queue.messaging.Publisher publisher;
    private final Dispatcher dispatcher;
    private final RunDeletion deletion;

    public RunService(Db db, RunStore runs, TaskStore tasks, dev.genesis.queue.messaging.Publisher publisher,
            Dispatcher dispatcher, RunDeletion deletion) {
        this.db = db;
        this.runs = runs;
        this.tasks = tasks;
        this.publisher = publisher;
        this.dispatcher = dispatcher;
        this.deletion = deletion;
    }

    /** Stores a validated run in one transaction; its tasks without dependencies are READY. */
    public UUID submit(String name, RunGraph graph) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        long start = System.nanoTime();
        db.inTransaction(c -> {
            runs.insert(c, id, name, graph, now);
            return null;
        });
        LOG.infof("stored run %s (%d tasks) in %d ms", id, graph.size(), (System.nanoTime() - start) / 1_000_000);
        Changes changes = new Changes();
        changes.outbox().runEvent(new RunSubmitted(id, name, graph.size(), now));
        publisher.publish(changes.outbox());
        dispatcher.wake();
        return id;
    }

    /** Cancels waiting tasks at once and asks workers to stop active ones; the run ends when none is left. */
    public void cancel(UUID id) {
        Changes changes = db.inTransaction(c -> {
            Changes fresh = new Changes();
            Instant now = Instant.now();
            // Task rows first, the run row last: the order task-event transactions lock them in, so
            // that a cancel during a busy run cannot deadlock with them.
            RunRow run = runs.find(c, id).orElseThrow(() -> ApiProblem.notFound("no run " + id));
            if (run.state().isTerminal()) {
                throw ApiProblem.conflict("run " + id + " is already " + run.state());
            }
            List<TaskStore.CancelledTask> cancelled = tasks.cancelWaiting(c, id, now);
            for (TaskStore.CancelledTask task : cancelled) {
                fresh.outbox().runEvent(new TaskStateChanged(id, task.taskId(), TaskState.CANCELLED, 0, null, now,
                        null));
                if (task.heldBy() != null) {
                    // Sent ahead: the worker holding it must not start or forward it when its dependency
                    // succeeds, and a relay's own worker drops it if it was forwarded already.
                    fresh.outbox().cancel(new TaskCancelRequested(id, task.taskId(), task.attempt(), task.heldBy(),
                            now));
                }
                if (task.meantFor() != null && !task.meantFor().equals(task.heldBy())) {
                    fresh.outbox().cancel(new TaskCancelRequested(id, task.taskId(), task.attempt(), task.meantFor(),
                            now));
                }
            }
            for (TaskRow row : tasks.activeOfRun(c, id)) {
                fresh.outbox().cancel(new TaskCancelRequested(id, row.taskId(), row.attempt(), row.worker(), now));
            }
            fresh.closed(id, cancelled.size());
            fresh.cancelRequested.put(id, true);
            runs.requestCancel(c, id);
            RunRow after = runs.addOpen(c, id, -cancelled.size());
            if (after.state().isTerminal()) {
                throw ApiProblem.conflict("run " + id + " is already " + after.state()); // ended meanwhile: undo
            }
            if (after.openTasks() == 0 && runs.move(c, after, RunState.CANCELLED, now, true)) {
                fresh.outbox().runEvent(new RunStateChanged(id, run.name(), RunState.CANCELLED, now));
            }
            fresh.openDelta.clear();
            return fresh;
        });
        publisher.publish(changes.outbox());
    }

    /** Resets failed, skipped and cancelled tasks of a finished run and runs it again. */
    public void retry(UUID id) {
        Changes changes = db.inTransaction(c -> {
            Changes fresh = new Changes();
            Instant now = Instant.now();
            RunRow run = runs.lock(c, id).orElseThrow(() -> ApiProblem.notFound("no run " + id));
            if (!run.state().canMoveTo(RunState.RUNNING)) {
                throw ApiProblem.conflict("run " + id + " is " + run.state() + "; only FAILED or CANCELLED runs can be retried");
            }
            int reset = tasks.resetUnfinished(c, id, now);
            RunRow after = runs.addOpen(c, id, reset);
            if (!runs.move(c, after, RunState.RUNNING, null, false)) {
                throw ApiProblem.conflict("run " + id + " changed meanwhile; try again");
            }
            fresh.outbox().runEvent(new RunStateChanged(id, run.name(), RunState.RUNNING, now));
            return fresh;
        });
        publisher.publish(changes.outbox());
        dispatcher.wake();
    }

    /** Deletes a finished run and every task of it; a RUNNING run must be cancelled first. */
    public void delete(UUID id) {
        Outbox outbox = db.inTransaction(c -> {
            RunRow run = runs.lock(c, id).orElseThrow(() -> ApiProblem.notFound("no run " + id));
            if (!run.state().isTerminal()) {
                throw ApiProblem.conflict("run " + id + " is " + run.state() + "; cancel it first, or wait for its end");
            }
            int deleted = deletion.delete(c, List.of(id));
            Outbox fresh = new Outbox();
            fresh.runEvent(new RunDeleted(id, run.name(), deleted, RunDeleted.REQUEST, Instant.now()));
            return fresh;
        });
        publisher.publish(outbox);
    }
}
