package dev.genesis.queue.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Every setting of the queue service. */
@ConfigMapping(prefix = "genesis.queue")
public interface QueueConfig {

    /** The largest run accepted, in tasks. */
    @WithDefault("100000")
    int maxTasks();

    /** Kinds beyond the built-in ones that workers load through the SPI (comma separated). */
    Optional<Set<String>> extraKinds();

    /** The largest request body accepted by POST /api/runs; larger ones get a 413 problem. */
    @WithDefault("67108864")
    long maxBodyBytes();

    /** A DISPATCHED task not started within this time is queued again. */
    @WithDefault("15s")
    Duration dispatchTimeout();

    /** Extra time past a RUNNING task's timeoutMs before the queue fails it with cause timeout. */
    @WithDefault("30s")
    Duration runningGrace();

    /** A worker not heard from for this long is dropped from the capacity view. */
    @WithDefault("10s")
    Duration workerExpiry();

    /**
     * Ageing step: a READY task's effective priority (the dispatch order) is its priority plus one per
     * this many seconds waited since it became READY, at most the maximum priority; 0 turns ageing off.
     */
    @WithDefault("60")
    int agingSeconds();

    /** Replication factor for topics created at start. */
    @WithDefault("1")
    short replicationFactor();

    /** When set, only workers whose id starts with this are counted (isolates a shared broker, e.g. in tests). */
    Optional<String> workerIdPrefix();

    /**
     * Where the PostgreSQL server's autovacuum is off, the dispatching instance vacuums the tasks
     * and runs tables itself once either holds this many dead row versions (checked every 5 s).
     */
    @WithDefault("2000")
    long vacuumDeadRows();

    /** Most READY tasks one dispatch round takes. */
    @WithDefault("256")
    int dispatchBatch();

    /**
     * Longest known length ({@code noop}, {@code fail}: 0; {@code sleep}: its ms) of a task that may
     * wait in a worker's local queue beyond its slots (up to the prefetch the worker reports), so
     * that a freed slot starts its next task without a round trip through the queue. Longer tasks
     * and tasks of unknown length are only ever sent to a free slot. 0 turns prefetch off.
     */
    @WithDefault("250")
    long prefetchMaxMs();

    /**
     * Continuations: how many tasks may be held behind a dispatched task, each the dependent that
     * waits on the one before alone, sent ahead to the same worker and started there the moment
     * the one before succeeds (see {@code Continuations}). 0 turns them off: every dependent then
     * waits for the queue to hear of the success and dispatch it.
     */
    @WithDefault("8")
    int continuationDepth();

    /**
     * Whether the other dependents of a known-short task that wait on it alone are held on it too,
     * for workers with room for them, and forwarded there by its worker when it succeeds (relays;
     * see Continuations). Needs a continuation depth above 0.
     */
    @WithDefault("true")
    boolean relays();

    /**
     * Whether one transaction's task state changes of one run go on {@code genesis.runs.events} as
     * one {@code TaskStateBatch} record. Off for readers older than the batch (a dashboard skips
     * record types it does not know): each change then goes as a record of its own.
     */
    @WithDefault("true")
    boolean batchStateChanges();

    /**
     * A finished run (SUCCEEDED, FAILED or CANCELLED) is deleted with its tasks this long after it
     * finished, by the dispatching instance, checked every {@code retention-check-every}; 0 keeps
     * every run for ever. A retried run counts from its new end.
     */
    @WithDefault("30d")
    Duration retention();

    /** How often the dispatching instance looks for runs past their retention. */
    @WithDefault("30s")
    Duration retentionCheckEvery();

    /**
     * Most tasks one retention transaction deletes (whole runs, oldest first; a larger run goes
     * alone). A check deletes batch after batch for at most a second, so a backlog drains in steps
     * that never hold the dispatcher's tables for long.
     */
    @WithDefault("20000")
    int retentionBatchTasks();
}
