package dev.genesis.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of one worker process ({@code genesis.worker.*}). */
@ConfigMapping(prefix = "genesis.worker")
public interface WorkerConfig {

    /** How many attempts this process runs at once. */
    @WithDefault("3")
    int slots();

    /** Default prefetch per slot. */
    int PREFETCH_PER_SLOT = 10;

    /**
     * How many known-short tasks (see the queue's {@code genesis.queue.prefetch-max-ms}) this process
     * accepts beyond its slots, waiting in its local priority queue, so that a freed slot starts its
     * next task at once instead of after a round trip through the queue. Default: ten per slot. The
     * queue fills the whole prefetch only with tasks that take next to nothing ({@code noop},
     * {@code fail}), which it moves in bulk; other short tasks wait at most one per slot.
     */
    Optional<Integer> prefetch();

    /** This worker's id; default {@code <hostname>-<pid>-<4 random hex>}. */
    Optional<String> id();

    /**
     * How long an attempt runs before its start is reported on its own. An attempt that ends sooner
     * says when it started inside its result: one event fewer per short task, for the queue, the
     * dashboard and the broker. 0 reports every start at once.
     */
    @WithDefault("200ms")
    Duration startReportDelay();

    /** How often a heartbeat is sent. */
    @WithDefault("1s")
    Duration heartbeatInterval();

    /** Base URL of the coordinator (locks, workspace, bus). */
    @WithDefault("http://localhost:8082")
    String coordinatorUrl();

    /** How long a shutdown waits for running attempts before cancelling and handing them back. */
    @WithDefault("30s")
    Duration drainGrace();

    /** How long the coordinator may take to grant an attempt's locks before the attempt is handed back. */
    @WithDefault("10s")
    Duration lockWait();

    /**
     * How long locks asked for early, while a dispatch waits here for a slot, are kept for it: the
     * slot that takes it then runs at once instead of asking the coordinator first. Locks not
     * claimed by then are given back (and the slot asks when it takes the dispatch). 0 turns
     * early locks off.
     */
    @WithDefault("1s")
    Duration earlyLockHold();

    /**
     * Whether a success leaves the lease its dispatch carried (taken by the queue) to the queue to
     * release, in the request that takes the next locks, instead of releasing it before reporting.
     * Off for a queue older than this worker, which would not release it (the lease would then
     * hold its paths until it expires).
     */
    @WithDefault("true")
    boolean leaveLeasesToQueue();

    /** Lease of the locks; renewed every third of it while the attempt runs. */
    @WithDefault("30s")
    Duration lockLease();

    /** How long one workspace request to the coordinator (a file, a listing, a changeset) may take. */
    @WithDefault("30s")
    Duration workspaceTimeout();

    /** Replication factor of the Genesis topics when this worker creates them on a fresh broker. */
    @WithDefault("1")
    short topicReplicationFactor();

    /** Limits of the {@code shell} kind. */
    Shell shell();

    /** How many bytes of a task's output are kept; the rest is dropped and noted. */
    @WithDefault("1048576")
    int outputLimitBytes();

    /**
     * A dispatch that a slot takes too late is dropped, not run: the queue has queued it again by
     * then (its {@code genesis.queue.dispatch-timeout}, 15 s by default, for a dispatch whose start
     * it has not heard of), so running it would only repeat the work under a superseded attempt.
     * Such dispatches are what a worker group that was down reads on its return. Too late means
     * within the start-report delay and a second of the dispatch's {@code startBy} (the queue's
     * timeout, carried by the dispatch); for a dispatch without it, from a queue older than the
     * field, older than this. 0 turns the check off (for hosts whose clocks cannot be trusted to
     * agree within this).
     */
    @WithDefault("15s")
    Duration dispatchMaxAge();

    /**
     * The least time between two commits of taken dispatch offsets. A busy worker takes hundreds
     * of dispatches a second; committing each on its own costs the broker a request per task.
     * What a crash leaves uncommitted is read again by the partition's next owner and dropped
     * there (it was addressed to a worker declared dead); a clean revoke commits at once.
     */
    @WithDefault("100ms")
    Duration offsetCommitInterval();

    /** Parent folder of the per-attempt scratch folders; default {@code java.io.tmpdir/genesis-worker}. */
    Optional<Path> scratchDir();

    /** Settings of the {@code shell} kind. */
    interface Shell {

        /** Programs ({@code command[0]}, compared exactly) a shell task may start; empty means any. */
        @WithName("allowed-programs")
        Optional<List<String>> allowedPrograms();
    }
}
