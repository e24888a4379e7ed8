package dev.genesis.worker.testing;

import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.spec.Resources;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data builder: {@code aDispatch("sleep").param("ms", 300).build()}. */
public final class DispatchBuilder {

    private UUID runId = UUID.randomUUID();
    private String taskId = "t1";
    private int attempt = 1;
    private final String kind;
    private final Map<String, Object> params = new HashMap<>();
    private Resources resources = Resources.NONE;
    private long timeoutMs = 60_000;
    private int priority;
    private Instant dispatchedAt;
    private Instant startBy;
    private TaskDispatched.After after;
    private Integer relayTo;

    private DispatchBuilder(String kind) {
        this.kind = kind;
    }

    private TaskDispatched.LeaseGrant lease;
    private String workerId;

    public static DispatchBuilder aDispatch(String kind) {
        return new DispatchBuilder(kind);
    }

    public DispatchBuilder run(UUID id) {
        this.runId = id;
        return this;
    }

    public DispatchBuilder task(String id) {
        this.taskId = id;
        return this;
    }

    public DispatchBuilder attempt(int n) {
        this.attempt = n;
        return this;
    }

    public DispatchBuilder param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    public DispatchBuilder writes(String... paths) {
        this.resources = new Resources(List.of(paths), List.of(), null);
        return this;
    }

    public DispatchBuilder resources(Resources declared) {
        this.resources = declared;
        return this;
    }

    public DispatchBuilder timeoutMs(long ms) {
        this.timeoutMs = ms;
        return this;
    }

    public DispatchBuilder dispatchedAt(Instant at) {
        this.dispatchedAt = at;
        return this;
    }

    public DispatchBuilder startBy(Instant at) {
        this.startBy = at;
        return this;
    }

    public DispatchBuilder priority(int p) {
        this.priority = p;
        return this;
    }

    /** A continuation: to run once attempt {@code attempt} of {@code task} (same run) succeeded on the worker. */
    public DispatchBuilder after(String task, int attempt) {
        this.after = new TaskDispatched.After(task, attempt);
        return this;
    }

    /** A relay (with {@link #after}): to forward to ready-topic partition {@code partition} once that attempt succeeded. */
    public DispatchBuilder relayTo(int partition) {
        this.relayTo = partition;
        return this;
    }

    /** The worker whose slot the queue counted on. */
    public DispatchBuilder worker(String id) {
        this.workerId = id;
        return this;
    }

    /** Locks the queue took for the attempt as it dispatched it. */
    public DispatchBuilder lease(TaskDispatched.LeaseGrant granted) {
        this.lease = granted;
        return this;
    }

    /** This attempt's lock holder, as the coordinator knows it. */
    public String holder() {
        return TaskDispatched.holderOf(runId, taskId, attempt);
    }

    public TaskDispatched build() {
        return new TaskDispatched(runId, taskId, attempt, kind, Map.copyOf(params), resources, timeoutMs, priority,
                workerId, dispatchedAt == null ? Instant.now() : dispatchedAt, startBy, after, relayTo, lease);
    }
}
