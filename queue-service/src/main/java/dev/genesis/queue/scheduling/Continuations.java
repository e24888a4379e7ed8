package dev.genesis.queue.scheduling;

import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.spec.BuiltInKinds;
import dev.genesis.queue.config.QueueConfig;
import dev.genesis.queue.messaging.Outbox;
import dev.genesis.queue.metrics.QueueMetrics;
import dev.genesis.queue.store.HeldTasks;
import dev.genesis.queue.store.TaskKey;
import dev.genesis.queue.store.TaskRow;
import dev.genesis.queue.store.TaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Takes the dependency hop off the critical path. When a task is dispatched, a line of up to
 * {@code genesis.queue.continuation-depth} tasks is <em>held</em> behind it: its dependent that
 * waits on it alone, that one's dependent that waits on it alone, and so on, each sent ahead to
 * the same worker as a continuation ({@link TaskDispatched#after()}). The worker starts each on
 * the slot its dependency frees, the moment that dependency succeeds there, before the queue has
 * heard of either. A held task stays PENDING here; when the success of the task it is held on
 * arrives, it moves straight to DISPATCHED ({@link TaskTransitions#succeed}) and the line grows by
 * one at its end. When a task ends any other way (failed, retried, handed back, timed out, its
 * worker dead) the tasks held behind it are released to wait as before, while the worker, which
 * saw the same end, drops them.
 *
 * <p>Priority: a task is held only if no READY task waits with a higher priority, since it takes
 * its dependency's slot without going through the dispatch order; and a line holds more than one
 * task only while the held tasks are known to be short (their expected lengths together at most
 * {@code genesis.queue.prefetch-max-ms}), so that a slot a line occupies comes free for a task
 * submitted later within one task of unknown length or that much time. Of several dependents
 * that qualify, the one the dispatch order would take first is held (priority, then remaining
 * path).
 *
 * <p>Relays: the other dependents of an instant task ({@code noop}, {@code fail}) that wait on it
 * alone are held on it too, each for a worker with room for it now (the dispatch round's
 * {@link SlotPlan}): those meant for the same worker as continuations there, the others as relays
 * ({@link TaskDispatched#relayTo()}) that the task's worker forwards to theirs the moment it
 * succeeds. A fan-out's dependents then
 * start one Kafka trip after their source, not two and this queue's transaction. They move to
 * DISPATCHED with the line's first task and are released with it. What finds no room waits as
 * without continuations.
 */
@ApplicationScoped
public class Continuations {

    /**
     * A task leaving (or held) for {@code workerId} under {@code attempt}, its records going to
     * {@code partition}; {@code heldAhead} is how many held tasks its line holds up to and
     * including it (0 for the dispatched task that heads the line), {@code heldAheadMs} their
     * expected length together ({@code Long.MAX_VALUE} when one is unknown).
     */
    public record Parent(TaskRow row, int attempt, String workerId, int partition, int heldAhead, long heldAheadMs) {

        /** A task dispatched just now: the head of a line. */
        public Parent(TaskRow row, int attempt, String workerId, int partition) {
            this(row, attempt, workerId, partition, 0, 0);
        }
    }

    private static final Comparator<HeldTasks.Candidate> DISPATCH_ORDER = Comparator
            .comparingInt(HeldTasks.Candidate::effectivePriority)
            .thenComparingLong(HeldTasks.Candidate::remainingMs)
            .thenComparingInt(HeldTasks.Candidate::remainingPath)
            .thenComparing(Comparator.comparingLong(HeldTasks.Candidate::seq).reversed());

    private final HeldTasks held;
    private final TaskStore tasks;
    private final CapacityView capacity;
    private final int depth;
    private final QueueConfig config;

    public Continuations(HeldTasks held, TaskStore tasks, CapacityView capacity, QueueConfig config) {
        this.held = held;
        this.tasks = tasks;
        this.capacity = capacity;
        this.config = config;
        this.depth = Math.max(0, config.continuationDepth());
    }

    /**
     * One holding pass: where its dispatches go, and the placement its relays take room from (the
     * dispatch round's, or one read when the first relay needs it).
     */
    private final class Pass {
        final Connection c;
        final int floor;
        final Instant now;
        final Outbox outbox;
        final Map<TaskKey, TaskRow> rows;
        SlotPlan plan;

        Pass(Connection c, int floor, Instant now, Outbox outbox, Map<TaskKey, TaskRow> rows, SlotPlan plan) {
            this.c = c;
            this.floor = floor;
            this.now = now;
            this.outbox = outbox;
            this.rows = rows;
            this.plan = plan;
        }

        SlotPlan plan() throws SQLException {
            if (plan == null) {
                plan = new SlotPlan(capacity.accepting(now), tasks.active(c), config.prefetchMaxMs());
            }
            return plan;
        }
    }

    /**
     * Holds a line of up to the configured depth behind each of {@code parents}, dispatched just
     * now, with priorities of at least {@code floor}, and relays where {@code plan} (the round's
     * placement, after its dispatches) has room; their dispatches go into {@code outbox} behind the
     * parents' in the same partitions.
     */
    public void holdBehindDispatched(Connection c, List<Parent> parents, int floor, Instant now, Outbox outbox,
            SlotPlan plan) throws SQLException {
        holdBehind(new Pass(c, floor, now, outbox, null, plan), parents);
    }

    /** The tasks held behind {@code parent}: its line in order (the first is held on it) and its relays. */
    public HeldTasks.Behind behind(Connection c, TaskRow parent) throws SQLException {
        if (parent.continuation() == null) {
            return new HeldTasks.Behind(List.of(), List.of());
        }
        return held.behind(c, parent.runId(), parent.taskId());
    }

    /**
     * A held task was promoted just now (the task it was held on succeeded) and heads its line
     * now, {@code behind} still held behind it: the line grows at its end back to the configured
     * depth, if no READY task outranks what would join.
     */
    public void extend(Connection c, Changes changes, TaskRow promoted, List<TaskRow> behind, Instant now)
            throws SQLException {
        TaskRow tail = behind.isEmpty() ? promoted : behind.get(behind.size() - 1);
        if (behind.size() >= depth || tail.dependents().isEmpty()) {
            return;
        }
        Integer partition = capacity.anyPartitionOf(promoted.worker());
        if (partition == null) {
            return; // a worker this instance has no heartbeat of: send nothing ahead to it
        }
        long heldAheadMs = 0;
        for (TaskRow row : behind) {
            heldAheadMs = plus(heldAheadMs, expectedMs(row));
        }
        Parent end = new Parent(tail, tail.attempt(), promoted.worker(), partition, behind.size(), heldAheadMs);
        holdBehind(new Pass(c, readyFloor(c, changes), now, changes.outbox, changes.rows, null), List.of(end));
    }

    /**
     * Tasks that this transaction left waiting on one dependency only (a join whose other
     * dependencies succeeded): when that dependency is active, a line is held behind it, so the
     * join starts on its worker the moment it succeeds there.
     */
    public void holdOnLastDependencies(Connection c, Changes changes, List<TaskKey> waitingOnOne, Instant now)
            throws SQLException {
        if (depth == 0 || waitingOnOne.isEmpty()) {
            return;
        }
        List<Parent> parents = new ArrayList<>();
        for (TaskRow dependency : held.activeLastDependencies(c, waitingOnOne)) {
            Integer partition = capacity.anyPartitionOf(dependency.worker());
            if (partition != null) {
                parents.add(new Parent(dependency, dependency.attempt(), dependency.worker(), partition));
            }
        }
        if (parents.isEmpty()) {
            return;
        }
        holdBehind(new Pass(c, readyFloor(c, changes), now, changes.outbox, changes.rows, null), parents);
    }

    /** The parent's attempt ended without success: the tasks held behind it wait as before. */
    public void release(Connection c, Changes changes, TaskRow parent) throws SQLException {
        if (parent.continuation() != null) {
            changes.outbox.continuations(QueueMetrics.CONTINUATION_RELEASED,
                    held.release(c, parent.runId(), parent.taskId()));
        }
    }

    /**
     * Level by level: on each parent at most one task, then on each task held so far at most one
     * more, while the line is within the depth and its time budget. A transaction's copy of a
     * parent ({@code rows}, when given) is updated to name what it now holds, so that its success
     * later in the same transaction promotes it.
     */
    private void holdBehind(Pass pass, List<Parent> parents) throws SQLException {
        List<Parent> level = parents.stream().filter(p -> p.heldAhead() < depth).toList();
        while (!level.isEmpty()) {
            level = holdOneOnEach(pass, level).stream().filter(p -> p.heldAhead() < depth).toList();
        }
    }

    /** The best priority of a READY task, read once per transaction: nothing held may be below it. */
    private int readyFloor(Connection c, Changes changes) throws SQLException {
        if (changes.readyFloor == null) {
            OptionalInt top = held.topReadyPriority(c);
            changes.readyFloor = top.isPresent() ? top.getAsInt() : Integer.MIN_VALUE;
        }
        return changes.readyFloor;
    }

    /** Whether {@code candidate} may join the line behind {@code p}: its first held task always may. */
    private boolean fitsBehind(Parent p, HeldTasks.Candidate candidate) {
        return p.heldAhead() == 0 || plus(p.heldAheadMs(), expectedMs(candidate.row())) <= config.prefetchMaxMs();
    }

    private static long expectedMs(TaskRow row) {
        return BuiltInKinds.expectedMillis(row.kind(), row.params()).orElse(Long.MAX_VALUE);
    }

    private static long plus(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    /**
     * Whether the parent takes next to nothing (expected at most {@value SlotPlan#INSTANT_MS} ms, the
     * line ahead of it included): only then is a relay's worker, chosen now, still a good one when
     * it ends, and the hop it saves most of the dependent's wait. Behind longer parents relays made
     * random-1000 (tasks of 5–50 ms) slower side by side on session 13's machine, with a bound of
     * 250 ms and of 10 ms alike and in either order of the pair: their workers, chosen as the
     * parents were dispatched, were busy by the time the parents ended.
     */
    private boolean endsSoon(Parent p) {
        long untilEnd = p.heldAhead() == 0 ? expectedMs(p.row()) : p.heldAheadMs();
        return config.relays() && untilEnd <= SlotPlan.INSTANT_MS;
    }

    /** @return the tasks held, as the parents of the next level */
    private List<Parent> holdOneOnEach(Pass pass, List<Parent> parents) throws SQLException {
        List<TaskKey> keys = new ArrayList<>();
        for (Parent p : parents) {
            for (String dependent : p.row().dependents()) {
                keys.add(new TaskKey(p.row().runId(), dependent));
            }
        }
        List<Parent> next = new ArrayList<>();
        if (keys.isEmpty()) {
            return next;
        }
        Map<TaskKey, HeldTasks.Candidate> candidates = new HashMap<>();
        for (HeldTasks.Candidate candidate : held.candidates(pass.c, keys)) {
            candidates.put(new TaskKey(candidate.row().runId(), candidate.row().taskId()), candidate);
        }
        for (Parent p : parents) {
            List<HeldTasks.Candidate> mine = p.row().dependents().stream()
                    .map(d -> candidates.get(new TaskKey(p.row().runId(), d)))
                    .filter(cand -> cand != null && cand.effectivePriority() >= pass.floor)
                    .sorted(DISPATCH_ORDER.reversed())
                    .toList();
            Optional<HeldTasks.Candidate> best = mine.stream().filter(cand -> fitsBehind(p, cand)).findFirst();
            if (best.isEmpty()) {
                continue;
            }
            TaskRow child = best.get().row();
            OptionalInt attempt = held.hold(pass.c, child.runId(), child.taskId(), p.row().taskId(), p.workerId());
            if (attempt.isEmpty()) {
                continue;
            }
            pass.outbox.dispatch(sentAhead(child, attempt.getAsInt(), p.workerId(), null, p, pass.now), p.partition());
            pass.outbox.continuations(QueueMetrics.CONTINUATION_HELD, 1);
            if (pass.rows != null) {
                pass.rows.computeIfPresent(new TaskKey(p.row().runId(), p.row().taskId()),
                        (k, row) -> row.withContinuation(child.taskId()));
            }
            next.add(new Parent(child, attempt.getAsInt(), p.workerId(), p.partition(), p.heldAhead() + 1,
                    plus(p.heldAheadMs(), expectedMs(child))));
            if (mine.size() > 1 && endsSoon(p)) {
                relay(pass, p, mine.stream().filter(cand -> cand != best.get()).map(HeldTasks.Candidate::row).toList());
            }
        }
        return next;
    }

    /**
     * The dispatch of {@code row}, held on {@code p} under {@code attempt} for {@code worker}: a
     * continuation, or a relay to partition {@code relayTo} when that is set.
     */
    private TaskDispatched sentAhead(TaskRow row, int attempt, String worker, Integer relayTo, Parent p, Instant now) {
        return new TaskDispatched(row.runId(), row.taskId(), attempt, row.kind(), row.params(), row.resources(),
                row.timeoutMs(), row.priority(), worker, now, now.plus(config.dispatchTimeout()),
                new TaskDispatched.After(p.row().taskId(), p.attempt()), relayTo);
    }

    /**
     * Holds {@code others}, in dispatch order, on {@code p} for the workers the placement has room
     * on: sent to {@code p}'s worker, as continuations for that worker and as relays for the others.
     */
    private void relay(Pass pass, Parent p, List<TaskRow> others) throws SQLException {
        SlotPlan plan = pass.plan();
        Map<String, String> targets = new LinkedHashMap<>();
        Map<String, Integer> partitions = new HashMap<>();
        for (TaskRow row : others) {
            Optional<String> worker = plan.place(BuiltInKinds.expectedMillis(row.kind(), row.params()));
            if (worker.isEmpty()) {
                break; // nothing after it may overtake it
            }
            Integer partition = capacity.anyPartitionOf(worker.get());
            if (partition != null) {
                targets.put(row.taskId(), worker.get());
                partitions.put(row.taskId(), partition);
            }
        }
        Map<String, Integer> attempts = held.relay(pass.c, p.row().runId(), p.row().taskId(), targets);
        for (TaskRow row : others) {
            Integer attempt = attempts.get(row.taskId());
            if (attempt == null) {
                continue;
            }
            String worker = targets.get(row.taskId());
            Integer relayTo = worker.equals(p.workerId()) ? null : partitions.get(row.taskId());
            pass.outbox.dispatch(sentAhead(row, attempt, worker, relayTo, p, pass.now), p.partition());
        }
        pass.outbox.continuations(QueueMetrics.CONTINUATION_RELAYED, attempts.size());
    }
}
