package dev.genesis.queue.scheduling;

import dev.genesis.common.concurrent.DaemonThreads;
import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.events.TaskStateChanged;
import dev.genesis.common.spec.BuiltInKinds;
import dev.genesis.common.spec.HeldPaths;
import dev.genesis.common.spec.Resources;
import dev.genesis.common.state.TaskState;
import dev.genesis.queue.config.QueueConfig;
import dev.genesis.queue.locks.LockGrants;
import dev.genesis.queue.messaging.Outbox;
import dev.genesis.queue.messaging.Publisher;
import dev.genesis.queue.metrics.QueueMetrics;
import dev.genesis.queue.store.ActiveAttempt;
import dev.genesis.queue.store.Db;
import dev.genesis.queue.store.TaskRow;
import dev.genesis.queue.store.TaskStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Hands READY tasks to free worker slots, in rounds that never overlap within an instance. A task
 * event batch that frees slots runs its round in its own transaction ({@link #applyAndDispatch});
 * the dispatcher thread runs the others: on a signal (a submit, new capacity, a batch that could
 * not run its own round) and every 100 ms for backoffs. Per round it reads the active tasks
 * (in-flight per worker and the resources they hold, few rows through a partial index), claims
 * the best READY tasks with {@code FOR UPDATE SKIP LOCKED} in order effective priority DESC, remaining path
 * DESC, submission order, skips those whose resources conflict with an active task, marks them
 * DISPATCHED (attempt + 1) and, after the commit, takes their locks in one request ({@link LockGrants})
 * and sends each to a partition owned by the worker
 * with the most free slots (one partition per worker and round, so that a round's tasks for a
 * worker travel as one record per run, {@code TaskDispatchBatch}). Known-short tasks may also fill the small backlog a worker reports
 * (its prefetch), so that its freed slots start their next task with no round trip ({@link SlotPlan}).
 *
 * <p>Only the holder of a PostgreSQL session advisory lock dispatches, so two queue instances
 * never count the same slots twice; the other retries every second.
 *
 * <p>Starvation: the order uses the stored effective priority, which the {@link Sweeper} raises by
 * one per {@code genesis.queue.aging-seconds} a task has waited READY (see {@link
 * dev.genesis.queue.store.TaskStore#age}); a dispatch resets it to the task's priority.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final long LOCK_KEY = 0x67656E65736973L; // "genesis"

    private final Db db;
    private final TaskStore tasks;
    private final CapacityView capacity;
    private final Publisher publisher;
    private final Continuations continuations;
    private final LockGrants lockGrants;
    private final QueueConfig config;
    private final BlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);
    /** Held for a round until its commit: rounds must not overlap within this instance. */
    private final ReentrantLock rounds = new ReentrantLock();
    private final Counter dispatches;
    private final Timer latency;
    private volatile boolean running;
    private volatile boolean leader;
    private Thread thread;
    private Connection lockConnection;

    public Dispatcher(Db db, TaskStore tasks, CapacityView capacity, Publisher publisher, Continuations continuations,
            LockGrants lockGrants, QueueConfig config, MeterRegistry registry) {
        this.db = db;
        this.tasks = tasks;
        this.capacity = capacity;
        this.publisher = publisher;
        this.continuations = continuations;
        this.lockGrants = lockGrants;
        this.config = config;
        this.dispatches = Counter.builder("genesis.queue.dispatches").description("tasks dispatched").register(registry);
        this.latency = Timer.builder("genesis.queue.dispatch.latency")
                .description("from READY to DISPATCHED")
                .serviceLevelObjectives(QueueMetrics.DISPATCH_LATENCY_BUCKETS).register(registry);
    }

    /** Asks for a dispatch round soon; cheap and never blocks. */
    public void wake() {
        signal.offer(Boolean.TRUE);
    }

    public boolean isLeader() {
        return leader;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = DaemonThreads.start("genesis-dispatcher", this::loop);
    }

    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        releaseLeadership();
    }

    private void loop() {
        while (running) {
            try {
                if (!leader && !tryLead()) {
                    signal.poll(1, TimeUnit.SECONDS);
                    continue;
                }
                signal.poll(100, TimeUnit.MILLISECONDS);
                while (running && round()) {
                    // A full round may leave more work and more slots: go again at once.
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("dispatch round failed; retrying", e);
                checkLeadership();
                sleepQuietly();
            }
        }
    }

    /**
     * Applies {@code work} in one transaction and, when it freed a slot or readied a task and this
     * instance dispatches, runs a dispatch round in that same transaction: the dependents of a
     * finished task are dispatched by the commit that released them, with no hop to the dispatcher
     * thread and one commit fewer. When the dispatcher thread is mid-round, the work commits alone
     * and the thread is woken instead, because two rounds at once would count the same free slots.
     *
     * @return what the transaction changed, already published
     */
    public Changes applyAndDispatch(Db.Work<Changes> work) {
        boolean inline = leader && rounds.tryLock();
        try {
            Changes changes = db.inTransaction(c -> {
                Changes fresh = work.run(c);
                if (inline && fresh.wakeDispatcher) {
                    Instant now = Instant.now();
                    List<WorkerCapacity> workers = capacity.accepting(now);
                    if (!workers.isEmpty()) {
                        claim(c, workers, now, fresh.outbox());
                    }
                }
                return fresh;
            });
            lockGrants.grant(changes.outbox());
            publisher.publish(changes.outbox());
            int n = counted(changes.outbox());
            if (changes.wakeDispatcher && (!inline || n >= config.dispatchBatch())) {
                wake();
            }
            return changes;
        } finally {
            if (inline) {
                rounds.unlock();
            }
        }
    }

    /** One round; true when it filled its whole batch, so another may find more. */
    boolean round() {
        Instant now = Instant.now();
        List<WorkerCapacity> workers = capacity.accepting(now);
        if (workers.isEmpty()) {
            return false;
        }
        rounds.lock();
        try {
            Outbox outbox = db.inTransaction(c -> claim(c, workers, now, new Outbox()));
            lockGrants.grant(outbox);
            publisher.publish(outbox);
            return counted(outbox) >= config.dispatchBatch();
        } finally {
            rounds.unlock();
        }
    }

    private int counted(Outbox outbox) {
        int n = outbox.dispatches().size();
        if (n > 0) {
            dispatches.increment(n);
        }
        return n;
    }

    /** Claims what the free slots can take, marks it DISPATCHED and adds the dispatches to {@code outbox}. */
    private Outbox claim(Connection c, List<WorkerCapacity> workers, Instant now, Outbox outbox) throws SQLException {
        List<ActiveAttempt> active = tasks.active(c);
        SlotPlan plan = new SlotPlan(workers, active, config.prefetchMaxMs());
        int room = plan.room();
        if (room == 0) {
            return outbox;
        }
        HeldPaths held = new HeldPaths();
        for (ActiveAttempt attempt : active) {
            if (attempt.holdsResources()) {
                held.add(attempt.resources());
            }
        }
        int want = Math.min(room, config.dispatchBatch());
        // Claim a few more than the room so that tasks skipped for a conflict do not stall the round.
        int page = want + Math.min(64, want * 2);
        List<TaskRow> candidates = tasks.claimReady(c, page);
        // A full page: more may wait READY past it. More READY than the free slots and one waiting
        // per slot could take: backlogs may take quick tasks by their work budget (SlotPlan), since
        // there is enough for every other worker too.
        boolean pastPage = candidates.size() >= page;
        boolean plenty = pastPage || plan.plentyFor(candidates.size());
        Map<String, WorkerCapacity> byId = new HashMap<>();
        Map<String, Integer> partitions = new HashMap<>();
        workers.forEach(w -> byId.put(w.workerId(), w));
        List<Object[]> updates = new ArrayList<>();
        List<Continuations.Parent> parents = new ArrayList<>();
        // The best priority left waiting READY after this round: no continuation may overtake it.
        int floor = pastPage && !candidates.isEmpty() ? candidates.get(candidates.size() - 1).priority()
                : Integer.MIN_VALUE;
        for (TaskRow row : candidates) {
            if (updates.size() >= want) {
                floor = Math.max(floor, row.priority());
                break;
            }
            Resources resources = row.resources();
            if (!resources.isEmpty() && held.conflictsWith(resources)) {
                floor = Math.max(floor, row.priority());
                continue;
            }
            Map<String, Object> params = row.params();
            // A short task may wait in a backlog, one with resources too: nothing active holds what it
            // wants (checked above), and while it waits it counts as holding its paths.
            Optional<String> placed = plan.place(BuiltInKinds.expectedMillis(row.kind(), params), plenty);
            if (placed.isEmpty()) {
                // No free slot, and this task may not wait in a backlog: nothing after it may overtake it.
                floor = Math.max(floor, row.priority());
                break;
            }
            if (!resources.isEmpty()) {
                held.add(resources);
            }
            String workerId = placed.get();
            WorkerCapacity worker = byId.get(workerId);
            int attempt = row.attempt() + 1;
            TaskDispatched event = new TaskDispatched(row.runId(), row.taskId(), attempt, row.kind(), params,
                    resources, row.timeoutMs(), row.priority(), workerId, now, now.plus(config.dispatchTimeout()));
            // One partition per worker and round: the round's tasks for it then travel together as
            // one record per run (DispatchRecords); the next round takes the worker's next partition.
            int partition = partitions.computeIfAbsent(workerId, id -> capacity.nextPartitionOf(worker));
            outbox.dispatch(event, partition);
            if (!row.dependents().isEmpty()) {
                parents.add(new Continuations.Parent(row, attempt, workerId, partition));
            }
            outbox.runEvent(new TaskStateChanged(row.runId(), row.taskId(), TaskState.DISPATCHED, attempt, workerId,
                    now, null));
            updates.add(new Object[] {row, workerId});
            if (row.readyAt() != null) {
                latency.record(Duration.between(row.readyAt(), now).abs());
            }
        }
        markDispatched(c, updates, now);
        // Behind the round's dispatches in their partitions, so a worker learns of a parent first.
        continuations.holdBehindDispatched(c, parents, floor, now, outbox, plan);
        return outbox;
    }

    private void markDispatched(Connection c, List<Object[]> updates, Instant now) throws SQLException {
        if (updates.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE tasks SET state = 'DISPATCHED', attempt = attempt + 1, "
                + "worker = ?, dispatched_at = ?, started_at = NULL, effective_priority = priority, "
                + "version = version + 1 "
                + "WHERE run_id = ? AND task_id = ? AND version = ?")) {
            for (Object[] u : updates) {
                TaskRow row = (TaskRow) u[0];
                if (!row.state().canMoveTo(TaskState.DISPATCHED)) {
                    throw new IllegalStateException("cannot dispatch a " + row.state() + " task");
                }
                ps.setString(1, (String) u[1]);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setObject(3, row.runId());
                ps.setString(4, row.taskId());
                ps.setLong(5, row.version());
                ps.addBatch();
            }
            for (int count : ps.executeBatch()) {
                if (count == 0) {
                    // The rows are locked FOR UPDATE, so this cannot happen short of a bug: undo the round.
                    throw new SQLException("a claimed task changed under its row lock", "40001");
                }
            }
        }
    }

    private boolean tryLead() {
        try {
            if (lockConnection == null) {
                lockConnection = db.connection();
                lockConnection.setAutoCommit(true);
            }
            try (PreparedStatement ps = lockConnection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, LOCK_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    leader = rs.next() && rs.getBoolean(1);
                }
            }
            if (leader) {
                LOG.info("this instance now dispatches (holds the dispatcher advisory lock)");
            }
        } catch (SQLException e) {
            LOG.warnf("cannot take the dispatcher lock: %s", e.getMessage());
            releaseLeadership();
        }
        return leader;
    }

    private void checkLeadership() {
        try {
            if (lockConnection == null || !lockConnection.isValid(2)) {
                releaseLeadership();
            }
        } catch (SQLException e) {
            releaseLeadership();
        }
    }

    private void releaseLeadership() {
        leader = false;
        if (lockConnection != null) {
            try (PreparedStatement ps = lockConnection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                // A pooled connection outlives close(): give the session lock back explicitly.
                ps.execute();
            } catch (SQLException e) {
                LOG.debug("unlocking the dispatcher lock", e);
            }
            try {
                lockConnection.close();
            } catch (SQLException e) {
                LOG.debug("closing the lock connection", e);
            }
            lockConnection = null;
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
