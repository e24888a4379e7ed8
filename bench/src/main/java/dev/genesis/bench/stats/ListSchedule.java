package dev.genesis.bench.stats;

import dev.genesis.common.spec.RunGraph;
import dev.genesis.common.spec.RunSpec;
import dev.genesis.common.spec.TaskSpec;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.ToLongFunction;

/**
 * The makespan of a list scheduler that costs nothing: on the same slots, a task starts the
 * instant its dependencies are done and a slot is free, and free slots take ready tasks in
 * Genesis' dispatch order (priority, then the longest expected remaining path in milliseconds,
 * then in tasks, then submission order). The gap between this and the {@link LowerBound} is the
 * DAG's and the order's (the bound ignores that tasks cannot be split across slots); the gap
 * between a measured makespan and this is the engine's own overhead. Resource conflicts are not
 * modelled.
 */
public final class ListSchedule {

    private ListSchedule() {
    }

    /** Milliseconds from the first start to the last finish, durations from {@code durationMs}. */
    public static long makespanMs(RunSpec spec, ToLongFunction<TaskSpec> durationMs, int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1");
        }
        RunGraph graph = RunGraph.of(spec.tasks());
        int n = graph.size();
        int[] waiting = new int[n];
        PriorityQueue<Integer> ready = new PriorityQueue<>(Comparator
                .comparingInt((Integer i) -> graph.task(i).effectivePriority()).reversed()
                .thenComparing(Comparator.comparingLong((Integer i) -> graph.remainingMs(i)).reversed())
                .thenComparing(Comparator.comparingInt((Integer i) -> graph.remainingPath(i)).reversed())
                .thenComparingInt(i -> i));
        for (int i = 0; i < n; i++) {
            waiting[i] = graph.dependencyCount(i);
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        // Running tasks as {finish time, task}, earliest first.
        PriorityQueue<long[]> running = new PriorityQueue<>(Comparator.comparingLong((long[] r) -> r[0]));
        long now = 0;
        long end = 0;
        while (!ready.isEmpty() || !running.isEmpty()) {
            while (running.size() < slots && !ready.isEmpty()) {
                int task = ready.poll();
                long finish = now + Math.max(0, durationMs.applyAsLong(graph.task(task)));
                running.add(new long[] {finish, task});
                end = Math.max(end, finish);
            }
            now = running.peek()[0];
            while (!running.isEmpty() && running.peek()[0] == now) {
                int done = (int) running.poll()[1];
                for (int dependent : graph.dependentsOf(done)) {
                    if (--waiting[dependent] == 0) {
                        ready.add(dependent);
                    }
                }
            }
        }
        return end;
    }
}
