package dev.genesis.dashboard.board;

import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.RunDeleted;
import dev.genesis.common.events.RunStateChanged;
import dev.genesis.common.events.RunSubmitted;
import dev.genesis.common.events.TaskFailed;
import dev.genesis.common.events.TaskProgressed;
import dev.genesis.common.events.TaskStarted;
import dev.genesis.common.events.TaskStateBatch;
import dev.genesis.common.events.TaskStateChanged;
import dev.genesis.common.events.TaskSucceeded;
import dev.genesis.common.events.WorkerDeclaredDead;
import dev.genesis.common.events.WorkerHeartbeat;
import dev.genesis.common.events.WorkerStopped;
import dev.genesis.common.state.RunState;
import dev.genesis.common.state.TaskState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The in-memory picture of every run and worker, built from events and REST snapshots, with the
 * per-second activity of the last five minutes and the coordinator's locks and conflicts. It
 * remembers what changed since the last {@link #drainDelta()} so that the page gets small
 * batches rather than the whole state. Thread-safe: each public method holds the board's lock
 * (events arrive on several consumer threads and all work here is short).
 */
public final class Board {

    private static final Duration THROUGHPUT_WINDOW = Duration.ofSeconds(10);

    private final Clock clock;
    private final int maxRuns;
    private final Duration workerLateAfter;
    private final Duration workerForgetAfter;

    private final Map<UUID, RunEntry> runs = new HashMap<>();
    private final Map<String, WorkerEntry> workers = new LinkedHashMap<>();
    private final Deque<Instant> finishes = new ArrayDeque<>();
    private final ActivitySeries series = new ActivitySeries();
    private final CoordinationState coordination = new CoordinationState();

    private final Set<UUID> changedRuns = new LinkedHashSet<>();
    private final Map<UUID, Set<String>> changedTasks = new LinkedHashMap<>();
    private final Set<String> changedWorkers = new LinkedHashSet<>();
    private final Set<UUID> removedRuns = new LinkedHashSet<>();
    private final Set<String> removedWorkers = new LinkedHashSet<>();
    /** When the oldest and newest run or task event that changed the pending batch happened. */
    private Instant batchFirstEventAt;
    private Instant batchLastEventAt;
    private long seq;

    public Board(Clock clock, int maxRuns, Duration workerLateAfter, Duration workerForgetAfter) {
        this.clock = clock;
        this.maxRuns = Math.max(1, maxRuns);
        this.workerLateAfter = workerLateAfter;
        this.workerForgetAfter = workerForgetAfter;
    }

    /**
     * Applies one event.
     *
     * @return the run whose definition the board lacks and should load from queue-service, if any
     */
    public synchronized Optional<UUID> apply(GenesisEvent event) {
        if (event instanceof RunSubmitted e) {
            RunEntry run = run(e.runId(), e.at());
            run.name = e.name();
            run.declaredTasks = e.taskCount();
            run.createdAt = e.at();
            runChanged(run);
            eventApplied(e.at());
            return needsDetail(run);
        }
        if (event instanceof RunStateChanged e) {
            RunEntry run = run(e.runId(), e.at());
            if (e.name() != null) {
                run.name = e.name();
            }
            run.setState(e.state(), e.at());
            runChanged(run);
            eventApplied(e.at());
            return needsDetail(run);
        }
        if (event instanceof RunDeleted e) {
            RunEntry run = runs.get(e.runId());
            if (run != null) {
                forget(run); // the queue can no longer show it either
            }
            eventApplied(e.at());
            return Optional.empty();
        }
        if (event instanceof TaskStateBatch batch) {
            Optional<UUID> missing = Optional.empty();
            for (TaskStateChanged change : batch.changes()) {
                Optional<UUID> run = apply(change);
                if (run.isPresent()) {
                    missing = run;
                }
            }
            return missing;
        }
        if (event instanceof TaskStateChanged e) {
            return onTask(e.runId(), e.taskId(), e.at(), t -> t.apply(e));
        }
        if (event instanceof TaskStarted e) {
            return onTask(e.runId(), e.taskId(), e.at(), t -> t.apply(e));
        }
        if (event instanceof TaskProgressed e) {
            return onTask(e.runId(), e.taskId(), e.at(), t -> t.apply(e));
        }
        if (event instanceof TaskSucceeded e) {
            return onTask(e.runId(), e.taskId(), e.at(), t -> t.apply(e));
        }
        if (event instanceof TaskFailed e) {
            return onTask(e.runId(), e.taskId(), e.at(), t -> t.apply(e));
        }
        if (event instanceof WorkerHeartbeat e) {
            WorkerEntry worker = workers.computeIfAbsent(e.workerId(), WorkerEntry::new);
            worker.last = e;
            worker.status = e.draining() ? WorkerStatus.DRAINING : WorkerStatus.ALIVE;
            worker.lastSeen = clock.instant();
            changedWorkers.add(worker.id);
        } else if (event instanceof WorkerDeclaredDead e) {
            markWorker(e.workerId(), WorkerStatus.DEAD);
        } else if (event instanceof WorkerStopped e) {
            markWorker(e.workerId(), WorkerStatus.STOPPED);
        }
        return Optional.empty();
    }

    /** Takes a run as queue-service reports it, keeping what newer events already said. */
    public synchronized void merge(RunSnapshot snapshot) {
        RunEntry run = run(snapshot.id(), snapshot.createdAt() != null ? snapshot.createdAt() : clock.instant());
        run.name = snapshot.name();
        if (snapshot.createdAt() != null) {
            run.createdAt = snapshot.createdAt();
        }
        if (snapshot.state() != null && (!run.state.isTerminal() || snapshot.state().isTerminal())) {
            run.state = snapshot.state();
            run.finishedAt = snapshot.finishedAt();
        }
        if (snapshot.tasks() != null) {
            run.detailed = true;
            run.declaredTasks = snapshot.tasks().size();
            for (TaskSnapshot task : snapshot.tasks()) {
                TaskEntry entry = run.task(task.id());
                TaskState before = entry.state();
                entry.merge(task);
                run.stateChanged(before, entry.state());
                changedTasks.computeIfAbsent(run.id, k -> new LinkedHashSet<>()).add(task.id());
            }
            // After the whole run is in, so that each start finds its dependencies' finishes.
            for (TaskEntry task : run.tasks.values()) {
                recordActivity(run, task);
            }
        }
        runChanged(run);
    }

    public synchronized List<RunSummary> runs() {
        Instant now = clock.instant();
        int slots = liveSlots(now);
        return runs.values().stream()
                .sorted(Comparator.comparing((RunEntry r) -> r.createdAt).reversed())
                .map(r -> r.summary(now, slots))
                .toList();
    }

    public synchronized Optional<RunDetail> run(UUID id) {
        RunEntry run = runs.get(id);
        Instant now = clock.instant();
        return run == null ? Optional.empty() : Optional.of(run.detail(now, liveSlots(now)));
    }

    /** Tasks finished and dispatch latency per second over the last five minutes. */
    public synchronized Series series() {
        Instant now = clock.instant();
        return new Series(1, ActivitySeries.WINDOW_SECONDS, now, series.points(now));
    }

    /** Takes the locks as just read from the coordinator. */
    public synchronized void updateLocks(LocksView locks) {
        coordination.locks(locks);
    }

    /** Takes the coordinator's newest conflicts (newest first). */
    public synchronized void updateConflicts(List<ConflictView> conflicts) {
        coordination.conflicts(conflicts);
    }

    public synchronized LocksView locks() {
        return coordination.locks();
    }

    public synchronized List<ConflictView> conflicts() {
        return coordination.conflicts();
    }

    public synchronized List<WorkerView> workers() {
        Instant now = clock.instant();
        return workers.values().stream().map(w -> w.view(now, workerLateAfter)).toList();
    }

    public synchronized Stats stats() {
        Instant now = clock.instant();
        Map<RunState, Integer> byState = new EnumMap<>(RunState.class);
        for (RunState state : RunState.values()) {
            byState.put(state, 0);
        }
        int runningTasks = 0;
        for (RunEntry run : runs.values()) {
            byState.merge(run.state, 1, Integer::sum);
            if (run.state.isTerminal()) {
                continue; // an ended run runs nothing; skipping its tasks keeps this tick cheap with a long history
            }
            runningTasks += run.running;
        }
        int busy = 0;
        int total = 0;
        int alive = 0;
        for (WorkerEntry worker : workers.values()) {
            WorkerView view = worker.view(now, workerLateAfter);
            if (view.state().hasCapacity()) {
                alive++;
                busy += view.busy();
                total += view.slots();
            }
        }
        pruneFinishes(now);
        double perSecond = Math.round(finishes.size() * 10.0 / THROUGHPUT_WINDOW.toSeconds()) / 10.0;
        return new Stats(runs.size(), byState, perSecond, runningTasks, alive, busy, total);
    }

    /** The first message of a live stream: no changes, the current totals. */
    public synchronized Delta hello() {
        return new Delta("hello", seq, clock.instant(), List.of(), List.of(), List.of(), List.of(), List.of(), stats(),
                null, null, List.of(), null, null);
    }

    /** Forgets long-gone workers and notices workers whose heartbeats stopped. */
    public synchronized void sweep() {
        Instant now = clock.instant();
        var it = workers.values().iterator();
        while (it.hasNext()) {
            WorkerEntry worker = it.next();
            if (Duration.between(worker.lastSeen, now).compareTo(workerForgetAfter) > 0) {
                it.remove();
                changedWorkers.remove(worker.id);
                removedWorkers.add(worker.id);
            } else if (worker.statusAt(now, workerLateAfter) != worker.shown) {
                changedWorkers.add(worker.id);
            }
        }
    }

    /** The changes since the previous call, or empty when nothing changed. */
    public synchronized Optional<Delta> drainDelta() {
        if (changedRuns.isEmpty() && changedTasks.isEmpty() && changedWorkers.isEmpty() && removedRuns.isEmpty()
                && removedWorkers.isEmpty() && !series.hasChanges() && !coordination.hasChanges()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        int slots = liveSlots(now);
        List<RunSummary> runViews = new ArrayList<>();
        var changed = changedRuns.iterator();
        while (changed.hasNext()) {
            RunEntry run = runs.get(changed.next());
            if (run == null) {
                changed.remove();
            } else if (run.summaryDue(now)) {
                runViews.add(run.summary(now, slots));
                changed.remove();
            } // else a big run's figures wait for a later batch (its changed tasks go out now)
        }
        List<TaskView> taskViews = new ArrayList<>();
        changedTasks.forEach((runId, ids) -> {
            RunEntry run = runs.get(runId);
            if (run != null) {
                ids.forEach(id -> taskViews.add(run.tasks.get(id).view(now)));
            }
        });
        List<WorkerView> workerViews = new ArrayList<>();
        for (String id : changedWorkers) {
            WorkerEntry worker = workers.get(id);
            if (worker != null) {
                workerViews.add(worker.view(now, workerLateAfter));
            }
        }
        Delta delta = new Delta("delta", ++seq, now, runViews, taskViews, workerViews, List.copyOf(removedRuns),
                List.copyOf(removedWorkers), stats(), batchFirstEventAt, batchLastEventAt, series.drainChanged(now),
                coordination.drainLocks(), coordination.drainConflicts());
        batchFirstEventAt = null;
        batchLastEventAt = null;
        changedTasks.clear();
        changedWorkers.clear();
        removedRuns.clear();
        removedWorkers.clear();
        return Optional.of(delta);
    }

    private Optional<UUID> onTask(UUID runId, String taskId, Instant at, Function<TaskEntry, Boolean> change) {
        RunEntry run = run(runId, at);
        TaskEntry task = run.task(taskId);
        TaskState before = task.state();
        boolean wasTerminal = before.isTerminal();
        if (change.apply(task)) {
            run.stateChanged(before, task.state());
            if (!wasTerminal && (task.state() == TaskState.SUCCEEDED || task.state() == TaskState.FAILED)) {
                finishes.addLast(clock.instant());
                pruneFinishes(clock.instant());
            }
            changedTasks.computeIfAbsent(runId, k -> new LinkedHashSet<>()).add(taskId);
            runChanged(run);
            eventApplied(at);
            recordActivity(run, task);
        }
        return needsDetail(run);
    }

    /**
     * Counts a task's finish and its start's dispatch latency into the series, once per attempt.
     * Dispatch latency is how long a task that could start waited to start: for a first attempt
     * with dependencies, from its last dependency's finish (the whole hop a user waits: the
     * worker's report, the queue making it READY, the dispatch, the worker taking it); for a task
     * without dependencies or a later attempt (a retry, a re-dispatch), from its READY time. When
     * every slot is busy it includes the wait for a free slot.
     */
    private void recordActivity(RunEntry run, TaskEntry task) {
        Instant now = clock.instant();
        Instant finish = task.uncountedFinish();
        if (finish != null) {
            series.recordFinish(finish, now);
            task.finishCounted();
        }
        Instant start = task.uncountedStart();
        if (start != null) {
            Instant from = couldStartAt(run, task);
            if (from != null) {
                series.recordLatency(start, Duration.between(from, start), now);
                task.startCounted();
            }
        }
    }

    /** When the task could start, or null when the board cannot tell (yet). */
    private static Instant couldStartAt(RunEntry run, TaskEntry task) {
        if (task.attempt() <= 1 && !task.dependsOn().isEmpty()) {
            Instant last = null;
            for (String dep : task.dependsOn()) {
                TaskEntry dependency = run.tasks.get(dep);
                Instant finished = dependency == null ? null : dependency.finishedAt();
                if (finished == null) {
                    return task.readyAt();
                }
                last = last == null || finished.isAfter(last) ? finished : last;
            }
            return last;
        }
        return task.readyAt();
    }

    /** The slots of the workers that count as capacity (alive, draining, late). */
    private int liveSlots(Instant now) {
        int total = 0;
        for (WorkerEntry worker : workers.values()) {
            // statusAt, not view: a view marks the status as shown, which the sweep relies on.
            if (worker.last != null && worker.statusAt(now, workerLateAfter).hasCapacity()) {
                total += worker.last.slots();
            }
        }
        return total;
    }

    /** Widens the pending batch's event span, from which the page and the lag histogram measure. */
    private void eventApplied(Instant at) {
        if (at == null) {
            return;
        }
        if (batchFirstEventAt == null || at.isBefore(batchFirstEventAt)) {
            batchFirstEventAt = at;
        }
        if (batchLastEventAt == null || at.isAfter(batchLastEventAt)) {
            batchLastEventAt = at;
        }
    }

    private void markWorker(String workerId, WorkerStatus status) {
        WorkerEntry worker = workers.computeIfAbsent(workerId, WorkerEntry::new);
        worker.status = status;
        if (worker.lastSeen == null) {
            worker.lastSeen = clock.instant();
        }
        changedWorkers.add(workerId);
    }

    /** The run, created as a placeholder if unknown; the oldest run goes when the board is full. */
    private RunEntry run(UUID id, Instant createdAt) {
        RunEntry existing = runs.get(id);
        if (existing != null) {
            return existing;
        }
        RunEntry run = new RunEntry(id, createdAt);
        runs.put(id, run);
        if (runs.size() > maxRuns) {
            runs.values().stream()
                    .filter(r -> r != run)
                    .min(Comparator.comparing((RunEntry r) -> r.createdAt))
                    .ifPresent(this::forget);
        }
        return run;
    }

    private void forget(RunEntry run) {
        runs.remove(run.id);
        changedRuns.remove(run.id);
        changedTasks.remove(run.id);
        removedRuns.add(run.id);
    }

    private void runChanged(RunEntry run) {
        changedRuns.add(run.id);
        removedRuns.remove(run.id);
    }

    private static Optional<UUID> needsDetail(RunEntry run) {
        return run.detailed ? Optional.empty() : Optional.of(run.id);
    }

    private void pruneFinishes(Instant now) {
        Instant cutoff = now.minus(THROUGHPUT_WINDOW);
        while (!finishes.isEmpty() && finishes.peekFirst().isBefore(cutoff)) {
            finishes.removeFirst();
        }
    }
}
