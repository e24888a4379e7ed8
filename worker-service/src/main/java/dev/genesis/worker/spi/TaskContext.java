package dev.genesis.worker.spi;

import dev.genesis.common.spec.Resources;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** What an executor knows about the attempt it runs, and how it talks back. */
public interface TaskContext {

    UUID runId();

    String taskId();

    int attempt();

    String workerId();

    /** The task's parameters as given in the run spec (never null). */
    Map<String, Object> params();

    Resources resources();

    /** When the attempt is stopped and failed with cause {@code timeout}. */
    Instant deadline();

    /** True once the attempt was cancelled, timed out or lost its locks. */
    boolean isCancelled();

    /** Reports progress (percent may be null); updates beyond a few per second are coalesced. */
    void progress(Integer percent, String message);

    /** A private folder for this attempt, created on first use and deleted when the attempt ends. */
    Path workspace();

    /** The coordinator's base URL (locks, bus). */
    String coordinatorUrl();
}
