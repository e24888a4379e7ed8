package dev.genesis.common.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test data builder: {@code aTask("b").dependsOn("a").build()}. */
public final class TaskSpecBuilder {

    private final String id;
    private String kind = "noop";
    private final Map<String, Object> params = new HashMap<>();
    private Integer priority;
    private final List<String> dependsOn = new ArrayList<>();
    private final List<String> writes = new ArrayList<>();
    private final List<String> reads = new ArrayList<>();
    private Long timeoutMs;
    private RetryPolicy retry;

    private TaskSpecBuilder(String id) {
        this.id = id;
    }

    public static TaskSpecBuilder aTask(String id) {
        return new TaskSpecBuilder(id);
    }

    public TaskSpecBuilder kind(String kind) {
        this.kind = kind;
        return this;
    }

    public TaskSpecBuilder param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    public TaskSpecBuilder priority(int priority) {
        this.priority = priority;
        return this;
    }

    public TaskSpecBuilder dependsOn(String... ids) {
        dependsOn.addAll(List.of(ids));
        return this;
    }

    public TaskSpecBuilder writes(String... paths) {
        writes.addAll(List.of(paths));
        return this;
    }

    public TaskSpecBuilder reads(String... paths) {
        reads.addAll(List.of(paths));
        return this;
    }

    public TaskSpecBuilder timeoutMs(long timeoutMs) {
        this.timeoutMs = timeoutMs;
        return this;
    }

    public TaskSpecBuilder retry(int maxAttempts, long backoffMs) {
        this.retry = new RetryPolicy(maxAttempts, backoffMs, null, null);
        return this;
    }

    public TaskSpec build() {
        return new TaskSpec(id, kind, params, priority, dependsOn, new Resources(writes, reads, null), timeoutMs, retry);
    }

    public static RunSpec aRun(TaskSpecBuilder... tasks) {
        List<TaskSpec> built = new ArrayList<>();
        for (TaskSpecBuilder t : tasks) {
            built.add(t.build());
        }
        return new RunSpec("test-run", built);
    }
}
