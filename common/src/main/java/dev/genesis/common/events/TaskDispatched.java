package dev.genesis.common.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.genesis.common.spec.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * queue → worker: run attempt {@code attempt} of a task. {@code workerId} is the worker whose
 * free slot the queue counted on (the owner of the partition it was sent to). {@code startBy} is
 * when the queue stops waiting to hear of the attempt's start and dispatches the task again (its
 * dispatch timeout after {@code dispatchedAt}); null from a queue older than the field.
 *
 * <p>A <em>continuation</em> ({@code after} set) is sent before the task may run: its last
 * unfinished dependency is attempt {@code after} on the same worker, and the worker starts it the
 * moment that attempt succeeds there, on the slot it frees, and drops it if that attempt ends any
 * other way. Until then its {@code startBy} does not run: the window {@code startBy −
 * dispatchedAt} starts when the dependency succeeds ({@link #rebased}).
 *
 * <p>A <em>relay</em> is a continuation with {@code relayTo} set: it is sent to the worker of
 * attempt {@code after}, but is meant for worker {@code workerId}, which owns ready-topic
 * partition {@code relayTo}. The worker holding it forwards it there, as a plain dispatch, the
 * moment that attempt succeeds (after the success reached the broker), and drops it on any other
 * end: a fan-out's dependents then reach their workers in one Kafka trip instead of two and the
 * queue's transaction.
 *
 * <p>{@code lease} is set when the queue took the attempt's locks as it dispatched it (one request
 * to the coordinator per dispatch round, owned by worker {@code workerId}): the worker runs under
 * it, renews and releases it as if it had asked itself, and gives it back when the attempt does
 * not run. Null when the queue did not (no resources, a continuation, locks held elsewhere, the
 * coordinator unreachable): the worker then asks itself.
 */
public record TaskDispatched(
        UUID runId,
        String taskId,
        int attempt,
        String kind,
        Map<String, Object> params,
        Resources resources,
        long timeoutMs,
        int priority,
        String workerId,
        Instant dispatchedAt,
        Instant startBy,
        After after,
        Integer relayTo,
        LeaseGrant lease) implements GenesisEvent {

    /** The attempt of the same run a continuation waits for. */
    public record After(String taskId, int attempt) {
    }

    /** Locks the queue took for this attempt: the coordinator's lease, its fencing token and expiry. */
    public record LeaseGrant(String leaseId, long token, Instant expiresAt) {
    }

    /** A dispatch that may run at once. */
    public TaskDispatched(UUID runId, String taskId, int attempt, String kind, Map<String, Object> params,
            Resources resources, long timeoutMs, int priority, String workerId, Instant dispatchedAt, Instant startBy) {
        this(runId, taskId, attempt, kind, params, resources, timeoutMs, priority, workerId, dispatchedAt, startBy,
                null, null);
    }

    /** A continuation (with {@code after}) or a dispatch that may run at once (without). */
    public TaskDispatched(UUID runId, String taskId, int attempt, String kind, Map<String, Object> params,
            Resources resources, long timeoutMs, int priority, String workerId, Instant dispatchedAt, Instant startBy,
            After after) {
        this(runId, taskId, attempt, kind, params, resources, timeoutMs, priority, workerId, dispatchedAt, startBy,
                after, null);
    }

    /** A continuation or relay (with {@code after}), or a dispatch that may run at once, without a lease. */
    public TaskDispatched(UUID runId, String taskId, int attempt, String kind, Map<String, Object> params,
            Resources resources, long timeoutMs, int priority, String workerId, Instant dispatchedAt, Instant startBy,
            After after, Integer relayTo) {
        this(runId, taskId, attempt, kind, params, resources, timeoutMs, priority, workerId, dispatchedAt, startBy,
                after, relayTo, null);
    }

    /** The lock holder the coordinator knows an attempt by: {@code runId/taskId#attempt}. */
    public static String holderOf(UUID runId, String taskId, int attempt) {
        return runId + "/" + taskId + "#" + attempt;
    }

    /** This attempt's lock holder ({@link #holderOf}). */
    @JsonIgnore
    public String holder() {
        return holderOf(runId, taskId, attempt);
    }

    /** The same dispatch, running under locks the queue took for it. */
    public TaskDispatched withLease(LeaseGrant granted) {
        return new TaskDispatched(runId, taskId, attempt, kind, params, resources, timeoutMs, priority, workerId,
                dispatchedAt, startBy, after, relayTo, granted);
    }

    @JsonIgnore
    public boolean isContinuation() {
        return after != null;
    }

    /** A continuation to forward to partition {@link #relayTo()} rather than to run here. */
    @JsonIgnore
    public boolean isRelay() {
        return after != null && relayTo != null;
    }

    /**
     * The continuation (or relay) as a dispatch that may run now: dispatched at {@code now}, with
     * the same window to start in as the queue gave it, no longer waiting and no longer relayed.
     */
    public TaskDispatched rebased(Instant now) {
        Instant by = dispatchedAt == null || startBy == null ? null
                : now.plus(Duration.between(dispatchedAt, startBy));
        return new TaskDispatched(runId, taskId, attempt, kind, params, resources, timeoutMs, priority, workerId, now,
                by, null, null, null);
    }

    @Override
    public String key() {
        return runId.toString();
    }
}
