package dev.genesis.bench.dag;

import dev.genesis.common.spec.Resources;
import dev.genesis.common.spec.RunSpec;
import dev.genesis.common.spec.TaskSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Synthetic DAG families for the makespan and latency suites. Every generator is seeded, so a
 * family is the same graph with the same durations in every invocation.
 */
public final class DagFamilies {

    /** Sleep durations are drawn from [MIN_MS, MAX_MS] before scaling. */
    public static final int MIN_MS = 20;
    public static final int MAX_MS = 200;
    static final int READ_PATHS = 4;

    private DagFamilies() {
    }

    /** How each task of a family is made: a seeded sleep, or a zero-length noop. */
    public interface TaskKind {
        TaskSpec make(String id, List<String> dependsOn);

        /** {@code sleep} tasks of a seeded random 20–200 ms times {@code scale} (at least 1 ms). */
        static TaskKind seededSleep(long seed, double scale) {
            Random random = new Random(seed);
            return (id, deps) -> sleep(id, Math.max(1, Math.round((MIN_MS + random.nextInt(MAX_MS - MIN_MS + 1)) * scale)),
                    deps);
        }

        static TaskKind fixedSleep(long ms) {
            return (id, deps) -> sleep(id, ms, deps);
        }

        static TaskKind noop() {
            return (id, deps) -> new TaskSpec(id, "noop", null, null, deps, null, null, null);
        }

        /**
         * {@code noop} tasks that each lock one of {@code paths} files for writing and read one of
         * a few shared ones, in turn: the path of a task with resources (a lock acquired and
         * released through the coordinator) with the same small set of paths on every run.
         */
        static TaskKind lockedNoop(String folder, int paths) {
            int[] next = {0};
            return (id, deps) -> {
                int i = next[0]++;
                Resources resources = new Resources(List.of(folder + "/w" + (i % paths)),
                        List.of(folder + "/r" + (i % READ_PATHS)), null);
                return new TaskSpec(id, "noop", null, null, deps, resources, null, null);
            };
        }
    }

    public static TaskSpec sleep(String id, long ms, List<String> dependsOn) {
        return new TaskSpec(id, "sleep", Map.of("ms", ms), null, dependsOn, null, null, null);
    }

    /** t0 → t1 → … → t(n-1). */
    public static RunSpec chain(String name, int n, TaskKind kind) {
        return build(name, n, i -> i == 0 ? List.of() : List.of(id(i - 1)), kind);
    }

    /** One source, {@code width} parallel tasks, one sink: 1 → W → 1. */
    public static RunSpec fanOut(String name, int width, TaskKind kind) {
        List<TaskSpec> tasks = new ArrayList<>(width + 2);
        tasks.add(kind.make("src", List.of()));
        List<String> middle = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            tasks.add(kind.make(id(i), List.of("src")));
            middle.add(id(i));
        }
        tasks.add(kind.make("sink", middle));
        return new RunSpec(name, tasks);
    }

    /**
     * {@code layers} layers of {@code width} tasks between a source and a sink; each task depends
     * on its two neighbours in the layer above, which makes overlapping diamonds.
     */
    public static RunSpec layeredDiamond(String name, int layers, int width, TaskKind kind) {
        List<TaskSpec> tasks = new ArrayList<>(layers * width + 2);
        tasks.add(kind.make("src", List.of()));
        for (int l = 0; l < layers; l++) {
            for (int w = 0; w < width; w++) {
                List<String> deps;
                if (l == 0) {
                    deps = List.of("src");
                } else {
                    Set<String> above = new LinkedHashSet<>();
                    above.add(cell(l - 1, w));
                    above.add(cell(l - 1, (w + 1) % width));
                    deps = List.copyOf(above);
                }
                tasks.add(kind.make(cell(l, w), deps));
            }
        }
        List<String> last = new ArrayList<>(width);
        for (int w = 0; w < width; w++) {
            last.add(cell(layers - 1, w));
        }
        tasks.add(kind.make("sink", last));
        return new RunSpec(name, tasks);
    }

    /**
     * A random DAG of {@code n} tasks: task i takes 0–3 parents among the {@code max(10, n/10)}
     * tasks before it, so edges only point forward (acyclic by construction) and the depth
     * grows with n without becoming a chain.
     */
    public static RunSpec random(String name, int n, long seed, TaskKind kind) {
        Random random = new Random(seed);
        int window = Math.max(10, n / 10);
        return build(name, n, i -> {
            if (i == 0) {
                return List.of();
            }
            int parents = Math.min(i, random.nextInt(4));
            Set<String> deps = new LinkedHashSet<>();
            for (int p = 0; p < parents; p++) {
                int lo = Math.max(0, i - window);
                deps.add(id(lo + random.nextInt(i - lo)));
            }
            return List.copyOf(deps);
        }, kind);
    }

    /** {@code n} tasks without dependencies (throughput). */
    public static RunSpec independent(String name, int n, TaskKind kind) {
        return build(name, n, i -> List.of(), kind);
    }

    private static RunSpec build(String name, int n, IntFunction<List<String>> deps, TaskKind kind) {
        if (n < 1) {
            throw new IllegalArgumentException("a run needs at least one task");
        }
        List<TaskSpec> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(kind.make(id(i), deps.apply(i)));
        }
        return new RunSpec(name, tasks);
    }

    static String id(int i) {
        return "t" + i;
    }

    private static String cell(int layer, int w) {
        return "l" + layer + "-" + w;
    }
}
