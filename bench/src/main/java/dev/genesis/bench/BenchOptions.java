package dev.genesis.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The command line of {@code ./genesis bench}. Every figure-changing knob is here so that
 * results.json can record it.
 */
public record BenchOptions(Path root, List<String> suites, URI queueUrl, URI coordinatorUrl, Path traces,
        double traceScaleMsPerSecond, Integer repeat, int pollMs, int runTimeoutS, Path out, long seed,
        int throughputTasks, int recoverySleepMs, String peerJdbcUrl, int peerChain, int peerJobs, int budgetS,
        int warmupTasks, List<Integer> workspaceFiles, int workspaceCommits) {

    /** The suites of a run that names none, in their order: the ones the default time budget is planned for. */
    public static final List<String> ALL = List.of("latency", "throughput", "makespan", "traces", "scaling", "peer",
            "recovery");

    /** Suites that run only when named (not by default nor by {@code all}), after the others. */
    public static final List<String> OPT_IN = List.of("workspace");

    /** Every suite name, in the order chosen suites run. */
    public static final List<String> KNOWN = Stream.concat(ALL.stream(), OPT_IN.stream()).toList();

    /** The most files one workspace size may import: its zip must stay under the coordinator's 64 MB body limit. */
    public static final int MAX_WORKSPACE_FILES = 100_000;

    public static final String USAGE = """
            usage: BenchMain --root DIR [SUITE...] [options]
              suites: latency throughput makespan traces scaling peer recovery (default, and `all`: these, in
                      this order); opt-in, run only when named and after those: workspace
              --queue-url URL         queue-service base URL (http://localhost:8081)
              --coordinator-url URL   coordinator base URL (http://localhost:8082)
              --traces DIR            WfCommons traces (<root>/../shared/workloads/wfcommons)
              --trace-scale MS        milliseconds per traced second (10)
              --repeat K              exactly K repetitions per suite (default: up to 3, as the time budget allows)
              --budget-s S            time budget of all chosen suites together (540); a suite starts a
                                      further repetition only while it fits its share
              --warmup-tasks N        at most N noop tasks run, not measured, before the first suite until
                                      the stack reaches its pace (40000; 0: none; skipped when only
                                      workspace runs, which warms up its own commits)
              --poll-ms MS            run polling interval, 100..250 (200)
              --run-timeout S         cancel a watched run after S seconds (180)
              --out DIR               results folder (<root>/bench/results/latest)
              --seed N                seed of the synthetic DAGs (42)
              --throughput-tasks N    noop tasks in the throughput run (2000)
              --recovery-sleep-ms MS  length of the task whose worker is killed (10000)
              --peer-jdbc URL         JobRunr's database (jdbc:postgresql://127.0.0.1:5432/postgres)
              --peer-chain N          chained JobRunr jobs for its latency (12; each may wait a 5 s poll)
              --peer-jobs N           no-op jobs in the peer batch, run by JobRunr and by Genesis
                                      (--throughput-tasks: then Genesis' throughput runs are reused)
              --workspace-files LIST  workspace suite: comma-separated workspace sizes in files (500,5000;
                                      each 1..100000), each imported into a fresh folder
              --workspace-commits C   workspace suite: changeset commits measured per size (200; at least 2)
            """;

    public static BenchOptions parse(String... args) {
        Map<String, String> o = new LinkedHashMap<>();
        List<String> suites = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                o.put(a.substring(2), args[++i]);
            } else if (KNOWN.contains(a)) {
                if (!suites.contains(a)) {
                    suites.add(a);
                }
            } else if (a.equals("all")) {
                suites.addAll(ALL.stream().filter(s -> !suites.contains(s)).toList());
            } else {
                throw new IllegalArgumentException("unknown suite '" + a + "'; known: " + String.join(", ", KNOWN));
            }
        }
        Path root = Path.of(required(o, "root")).toAbsolutePath().normalize();
        List<String> ordered = suites.isEmpty() ? ALL : KNOWN.stream().filter(suites::contains).toList();
        int poll = Integer.parseInt(o.getOrDefault("poll-ms", "200"));
        if (poll < 100 || poll > 250) {
            throw new IllegalArgumentException("--poll-ms must be within 100..250");
        }
        BenchOptions options = new BenchOptions(root, ordered,
                URI.create(o.getOrDefault("queue-url", "http://localhost:8081")),
                URI.create(o.getOrDefault("coordinator-url", "http://localhost:8082")),
                Path.of(o.getOrDefault("traces", root.resolve("../shared/workloads/wfcommons").toString())).normalize(),
                Double.parseDouble(o.getOrDefault("trace-scale", "10")),
                o.containsKey("repeat") ? Integer.valueOf(o.get("repeat")) : null,
                poll,
                Integer.parseInt(o.getOrDefault("run-timeout", "180")),
                Path.of(o.getOrDefault("out", root.resolve("bench/results/latest").toString())),
                Long.parseLong(o.getOrDefault("seed", "42")),
                Integer.parseInt(o.getOrDefault("throughput-tasks", "2000")),
                Integer.parseInt(o.getOrDefault("recovery-sleep-ms", "10000")),
                o.getOrDefault("peer-jdbc", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                Integer.parseInt(o.getOrDefault("peer-chain", "12")),
                Integer.parseInt(o.getOrDefault("peer-jobs", o.getOrDefault("throughput-tasks", "2000"))),
                Integer.parseInt(o.getOrDefault("budget-s", "540")),
                Integer.parseInt(o.getOrDefault("warmup-tasks", "40000")),
                workspaceSizes(o.getOrDefault("workspace-files", "500,5000")),
                wholeNumber("--workspace-commits", o.getOrDefault("workspace-commits", "200")));
        List<String> known = List.of("root", "queue-url", "coordinator-url", "traces", "trace-scale", "repeat", "poll-ms",
                "run-timeout", "out", "seed", "throughput-tasks", "recovery-sleep-ms", "peer-jdbc", "peer-chain",
                "peer-jobs", "budget-s", "warmup-tasks", "workspace-files", "workspace-commits");
        for (String key : o.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key);
            }
        }
        if (options.repeat != null && options.repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1");
        }
        if (options.budgetS < 0) {
            throw new IllegalArgumentException("--budget-s must not be negative");
        }
        if (options.warmupTasks < 0) {
            throw new IllegalArgumentException("--warmup-tasks must not be negative");
        }
        if (options.throughputTasks < 1 || options.peerJobs < 1 || options.peerChain < 2) {
            throw new IllegalArgumentException("--throughput-tasks and --peer-jobs must be at least 1, --peer-chain 2");
        }
        if (options.workspaceCommits < 2) {
            throw new IllegalArgumentException("--workspace-commits must be at least 2 (the diff spans the first and "
                    + "the last measured commit)");
        }
        return options;
    }

    /**
     * {@code --workspace-files}: comma-separated whole numbers of 1..{@value #MAX_WORKSPACE_FILES}, each
     * once, answered in ascending order (the suite's rows and chart go by size).
     */
    static List<Integer> workspaceSizes(String list) {
        List<Integer> sizes = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            String value = item.strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("--workspace-files must be a comma-separated list of file counts, "
                        + "e.g. 500,5000; got '" + list + "'");
            }
            int n = wholeNumber("--workspace-files", value);
            if (n < 1 || n > MAX_WORKSPACE_FILES) {
                throw new IllegalArgumentException("--workspace-files: each size must be within 1.."
                        + MAX_WORKSPACE_FILES + " files; got " + n);
            }
            if (sizes.contains(n)) {
                throw new IllegalArgumentException("--workspace-files lists " + n + " twice");
            }
            sizes.add(n);
        }
        return sizes.stream().sorted().toList();
    }

    private static int wholeNumber(String option, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes whole numbers; got '" + value + "'");
        }
    }

    /** The repetitions of a suite: --repeat if given, else its own default. */
    public int repeatsFor(int suiteDefault) {
        return repeat == null ? suiteDefault : repeat;
    }

    /** The settings that shape the figures, for results.json and summary.md. */
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("queueUrl", queueUrl.toString());
        s.put("coordinatorUrl", coordinatorUrl.toString());
        s.put("repeat", repeat == null ? "up to 3 within the budget" : repeat);
        s.put("budgetS", budgetS);
        s.put("warmupTasks", warmupTasks);
        s.put("pollMs", pollMs);
        s.put("traceScaleMsPerSecond", traceScaleMsPerSecond);
        s.put("seed", seed);
        s.put("throughputTasks", throughputTasks);
        s.put("recoverySleepMs", recoverySleepMs);
        s.put("peerJobs", peerJobs);
        s.put("peerChain", peerChain);
        if (suites.contains("workspace")) {
            s.put("workspaceFiles", workspaceFiles);
            s.put("workspaceCommits", workspaceCommits);
        }
        s.put("cpus", Runtime.getRuntime().availableProcessors());
        return s;
    }

    private static String required(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }
}
