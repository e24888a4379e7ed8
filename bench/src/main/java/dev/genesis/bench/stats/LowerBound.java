package dev.genesis.bench.stats;

import dev.genesis.common.spec.BuiltInKinds;
import dev.genesis.common.spec.RunSpec;
import dev.genesis.common.spec.TaskSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The makespan no scheduler can beat: {@code max(critical path, total work ÷ slots)}, with the
 * critical path weighted by task durations (RunGraph counts tasks, not milliseconds).
 *
 * @param criticalPathMs the longest chain of dependent durations
 * @param totalWorkMs the sum of all durations
 * @param slots the parallel capacity
 */
public record LowerBound(long criticalPathMs, long totalWorkMs, int slots) {

    /** The bound itself, in milliseconds. */
    public double boundMs() {
        return Math.max(criticalPathMs, workPerSlotMs());
    }

    /** Total work ÷ slots, in milliseconds (infinite without slots). */
    public double workPerSlotMs() {
        return slots <= 0 ? Double.POSITIVE_INFINITY : (double) totalWorkMs / slots;
    }

    /** Measured makespan ÷ bound: 1.0 is perfect. */
    public double ratio(double makespanMs) {
        return makespanMs / boundMs();
    }

    /** The bound of a spec whose task durations come from {@code durationMs}. */
    public static LowerBound of(RunSpec spec, ToLongFunction<TaskSpec> durationMs, int slots) {
        List<TaskSpec> tasks = spec.tasks();
        Map<String, TaskSpec> byId = new HashMap<>(tasks.size() * 2);
        for (TaskSpec t : tasks) {
            byId.put(t.id(), t);
        }
        Map<String, Long> finish = new HashMap<>(tasks.size() * 2);
        long edges = tasks.stream().mapToLong(t -> t.dependsOn().size()).sum();
        long total = 0;
        long critical = 0;
        for (TaskSpec t : tasks) {
            total += durationMs.applyAsLong(t);
            critical = Math.max(critical, earliestFinish(t, byId, finish, durationMs, edges));
        }
        return new LowerBound(critical, total, slots);
    }

    /**
     * The duration a task is known to take, as the queue's dispatch order counts it
     * ({@link BuiltInKinds#expectedMillis}): {@code sleep}'s ms, zero for the others.
     */
    public static long declaredDurationMs(TaskSpec task) {
        return BuiltInKinds.expectedMillis(task.kind(), task.params() == null ? Map.of() : task.params()).orElse(0);
    }

    /** Iterative depth-first longest path, so a 5,000-task chain does not overflow the stack. */
    private static long earliestFinish(TaskSpec start, Map<String, TaskSpec> byId, Map<String, Long> finish,
            ToLongFunction<TaskSpec> durationMs, long edges) {
        java.util.ArrayDeque<TaskSpec> stack = new java.util.ArrayDeque<>();
        stack.push(start);
        while (!stack.isEmpty()) {
            TaskSpec t = stack.peek();
            if (finish.containsKey(t.id())) {
                stack.pop();
                continue;
            }
            boolean ready = true;
            long latestDep = 0;
            for (String dep : t.dependsOn()) {
                Long f = finish.get(dep);
                if (f == null) {
                    TaskSpec d = byId.get(dep);
                    if (d == null) {
                        throw new IllegalArgumentException("task " + t.id() + " depends on unknown " + dep);
                    }
                    stack.push(d);
                    ready = false;
                } else {
                    latestDep = Math.max(latestDep, f);
                }
            }
            if (ready) {
                finish.put(t.id(), latestDep + durationMs.applyAsLong(t));
                stack.pop();
            } else if (stack.size() > edges + 1) {
                // In a DAG each edge is pushed at most once; a longer stack can only come from a cycle.
                throw new IllegalArgumentException("dependency cycle through " + t.id());
            }
        }
        return finish.get(start.id());
    }
}
