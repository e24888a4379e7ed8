package dev.genesis.common.spec;

import dev.genesis.common.api.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dependency graph of a validated spec, in arrays indexed by task position: dependents of
 * each task, a topological order and each task's longest remaining path to the end of the run,
 * itself included, both in tasks and in expected milliseconds (a task's expected length is what
 * its kind says, {@link BuiltInKinds#expectedMillis}: a sleep's ms, 0 for kinds whose length is
 * not known). Linear in tasks plus edges.
 */
public final class RunGraph {

    private final List<TaskSpec> tasks;
    private final int[][] dependents;
    private final int[] dependencyCount;
    private final int[] remainingPath;
    private final long[] remainingMs;

    private RunGraph(List<TaskSpec> tasks, int[][] dependents, int[] dependencyCount, int[] remainingPath,
            long[] remainingMs) {
        this.tasks = tasks;
        this.dependents = dependents;
        this.dependencyCount = dependencyCount;
        this.remainingPath = remainingPath;
        this.remainingMs = remainingMs;
    }

    /**
     * Builds the graph. Ids must be unique and every dependency known (the validator checks
     * that first); a cycle is reported with its path.
     */
    public static RunGraph of(List<TaskSpec> tasks) {
        int n = tasks.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(tasks.get(i).id(), i);
        }
        int[] outDegree = new int[n];
        int[] dependencyCount = new int[n];
        for (int i = 0; i < n; i++) {
            for (String dep : tasks.get(i).dependsOn()) {
                outDegree[index.get(dep)]++;
                dependencyCount[i]++;
            }
        }
        int[][] dependents = new int[n][];
        for (int i = 0; i < n; i++) {
            dependents[i] = new int[outDegree[i]];
        }
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) {
            for (String dep : tasks.get(i).dependsOn()) {
                int d = index.get(dep);
                dependents[d][fill[d]++] = i;
            }
        }
        int[] order = topologicalOrder(dependents, dependencyCount);
        if (order.length < n) {
            String detail = "dependency cycle: " + describeCycle(tasks, index, order);
            throw new SpecRejectedException(detail, List.of(new FieldError("tasks", detail)));
        }
        int[] remaining = new int[n];
        long[] remainingMs = new long[n];
        for (int k = n - 1; k >= 0; k--) {
            int v = order[k];
            int longest = 0;
            long longestMs = 0;
            for (int w : dependents[v]) {
                longest = Math.max(longest, remaining[w]);
                longestMs = Math.max(longestMs, remainingMs[w]);
            }
            remaining[v] = longest + 1;
            TaskSpec t = tasks.get(v);
            long own = BuiltInKinds.expectedMillis(t.kind(), t.params() == null ? Map.of() : t.params()).orElse(0);
            remainingMs[v] = saturatedAdd(longestMs, Math.max(0, own));
        }
        return new RunGraph(tasks, dependents, dependencyCount, remaining, remainingMs);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static int[] topologicalOrder(int[][] dependents, int[] dependencyCount) {
        int n = dependents.length;
        int[] waiting = Arrays.copyOf(dependencyCount, n);
        int[] order = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                order[tail++] = i;
            }
        }
        while (head < tail) {
            int v = order[head++];
            for (int w : dependents[v]) {
                if (--waiting[w] == 0) {
                    order[tail++] = w;
                }
            }
        }
        return Arrays.copyOf(order, tail);
    }

    /** Walks dependencies among the tasks left out of the order until one repeats. */
    private static String describeCycle(List<TaskSpec> tasks, Map<String, Integer> index, int[] ordered) {
        boolean[] done = new boolean[tasks.size()];
        for (int v : ordered) {
            done[v] = true;
        }
        int start = 0;
        while (done[start]) {
            start++;
        }
        int[] seenAt = new int[tasks.size()];
        Arrays.fill(seenAt, -1);
        List<Integer> walk = new ArrayList<>();
        int v = start;
        while (seenAt[v] < 0) {
            seenAt[v] = walk.size();
            walk.add(v);
            int next = -1;
            for (String dep : tasks.get(v).dependsOn()) {
                int d = index.get(dep);
                if (!done[d]) {
                    next = d;
                    break;
                }
            }
            v = next;
        }
        // The walk follows "depends on"; print it in execution order: a -> b means b needs a.
        List<Integer> cycle = new ArrayList<>(walk.subList(seenAt[v], walk.size()));
        Collections.reverse(cycle);
        // Start at the task declared first, so the same cycle is always named the same way.
        int first = cycle.indexOf(cycle.stream().min(Integer::compare).orElseThrow());
        List<String> path = new ArrayList<>();
        for (int k = 0; k <= cycle.size(); k++) {
            path.add(tasks.get(cycle.get((first + k) % cycle.size())).id());
        }
        return String.join(" -> ", path);
    }

    public int size() {
        return tasks.size();
    }

    public TaskSpec task(int i) {
        return tasks.get(i);
    }

    public int[] dependentsOf(int i) {
        return dependents[i];
    }

    public int dependencyCount(int i) {
        return dependencyCount[i];
    }

    /** Tasks on the longest path from this one to the end of the run, itself included. */
    public int remainingPath(int i) {
        return remainingPath[i];
    }

    /**
     * Expected milliseconds of the longest path from this task to the end of the run, itself
     * included; 0 when no task on it has a known length.
     */
    public long remainingMs(int i) {
        return remainingMs[i];
    }

    /** The number of tasks on the critical path of the run. */
    public int criticalPathLength() {
        int longest = 0;
        for (int r : remainingPath) {
            longest = Math.max(longest, r);
        }
        return longest;
    }
}
