package dev.genesis.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@code ./genesis bench}. Every figure-changing knob is here so that
 * results.json can record it.
 */
public record BenchOptions(Path root, List<String> suites, URI queueUrl, URI coordinatorUrl, Path traces,
        double traceScaleMsPerSecond, Integer repeat, int pollMs, int runTimeoutS, Path out, long seed,
        int throughputTasks, int recoverySleepMs, String peerJdbcUrl, int peerChain, int peerJobs, int budgetS,
        int warmupTasks) {

    public static final List<String> ALL = List.of("latency", "throughput", "makespan", "traces", "scaling", "peer",
            "recovery");

    public static final String USAGE = """
            usage: BenchMain --root DIR [SUITE...] [options]
              suites: latency throughput makespan traces scaling peer recovery (default: all, in this order)
              --queue-url URL         queue-service base URL (http://localhost:8081)
              --coordinator-url URL   coordinator base URL (http://localhost:8082)
              --traces DIR            WfCommons traces (<root>/../shared/workloads/wfcommons)
              --trace-scale MS        milliseconds per traced second (10)
              --repeat K              exactly K repetitions per suite (default: up to 3, as the time budget allows)
              --budget-s S            time budget of all chosen suites together (540); a suite starts a
                                      further repetition only while it fits its share
              --warmup-tasks N        at most N noop tasks run, not measured, before the first suite until
                                      the stack reaches its pace (40000; 0: none)
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
            } else if (ALL.contains(a)) {
                if (!suites.contains(a)) {
                    suites.add(a);
                }
            } else if (a.equals("all")) {
                suites.addAll(ALL.stream().filter(s -> !suites.contains(s)).toList());
            } else {
                throw new IllegalArgumentException("unknown suite '" + a + "'; known: " + String.join(", ", ALL));
            }
        }
        Path root = Path.of(required(o, "root")).toAbsolutePath().normalize();
        List<String> ordered = suites.isEmpty() ? ALL : ALL.stream().filter(suites::contains).toList();
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
                Integer.parseInt(o.getOrDefault("warmup-tasks", "40000")));
        List<String> known = List.of("root", "queue-url", "coordinator-url", "traces", "trace-scale", "repeat", "poll-ms",
                "run-timeout", "out", "seed", "throughput-tasks", "recovery-sleep-ms", "peer-jdbc", "peer-chain",
                "peer-jobs", "budget-s", "warmup-tasks");
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
        return options;
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
