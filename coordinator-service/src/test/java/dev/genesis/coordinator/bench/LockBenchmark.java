package dev.genesis.coordinator.bench;

import dev.genesis.coordinator.config.RedissonProducer;
import dev.genesis.coordinator.locks.Lease;
import dev.genesis.coordinator.locks.LockRequest;
import dev.genesis.coordinator.locks.RedisLockManager;
import dev.genesis.coordinator.metrics.CoordinatorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.redisson.Redisson;
import org.redisson.api.RFencedLock;
import org.redisson.api.RedissonClient;

/**
 * Acquire+release pairs per second through {@link RedisLockManager} (one atomic script for a whole
 * resource set) next to raw Redisson fenced locks (one lock per resource), against the real local
 * Redis, for 1 and 8 resources per task from 1 and 8 threads. Every thread works on its own paths,
 * so this measures the cost of the lock machinery, not contention. Prints a Markdown table.
 *
 * <p>Run: {@code ./mvnw -B -o -q -pl coordinator-service test-compile exec:java
 * -Dexec.mainClass=dev.genesis.coordinator.bench.LockBenchmark -Dexec.classpathScope=test}
 * (options: {@code -Dbench.seconds=3}, {@code -Dbench.redis=redis://127.0.0.1:6379},
 * {@code -Dbench.database=1}).
 */
public final class LockBenchmark {

    private static final long SECONDS = Long.getLong("bench.seconds", 3);

    private LockBenchmark() {
    }

    /** One unit of work: acquire every resource of a task, then release them; built per thread. */
    private interface Pair {
        void run() throws Exception;
    }

    private interface PairFactory {
        Pair create(int thread);
    }

    private record Result(String operation, int resources, int threads, double pairsPerSecond, double p50Micros,
            double p99Micros) {
    }

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("bench.redis", "redis://127.0.0.1:6379");
        int database = Integer.getInteger("bench.database", 1);
        RedissonClient redis = Redisson.create(RedissonProducer.config(url, database, false));
        String run = UUID.randomUUID().toString().substring(0, 8);
        try {
            RedisLockManager locks = new RedisLockManager(redis, new CoordinatorMetrics(new SimpleMeterRegistry()));
            // A first pass that is thrown away: without it the first rows pay for JIT and connection set-up.
            measureAll(redis, locks, run);
            print(url, database, measureAll(redis, locks, run));
        } finally {
            redis.shutdown();
        }
    }

    private static List<Result> measureAll(RedissonClient redis, RedisLockManager locks, String run)
            throws Exception {
        List<Result> results = new ArrayList<>();
        for (int resources : new int[] {1, 8}) {
            for (int threads : new int[] {1, 8}) {
                results.add(measure("LockManager acquire+release (one lease)", resources, threads,
                        thread -> leasePair(locks, paths(run, thread, resources))));
                results.add(measure("Redisson getFencedLock tryLockAndGetToken+unlock", resources, threads,
                        thread -> fencedPair(redis, paths(run, thread, resources))));
            }
        }
        return results;
    }

    private static List<String> paths(String run, int thread, int resources) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < resources; i++) {
            paths.add("bench-" + run + "/t" + thread + "/f" + i + ".txt");
        }
        return paths;
    }

    private static Pair leasePair(RedisLockManager locks, List<String> paths) {
        LockRequest request = new LockRequest("bench", "bench/" + paths.get(0), paths, List.of(), 30_000, 1_000);
        return () -> {
            Lease lease = locks.acquire(request);
            locks.release(lease.leaseId());
        };
    }

    private static Pair fencedPair(RedissonClient redis, List<String> paths) {
        List<RFencedLock> fenced = paths.stream().map(p -> redis.getFencedLock("genesis:bench:" + p)).toList();
        return () -> {
            for (RFencedLock lock : fenced) {
                if (lock.tryLockAndGetToken(1, 30, TimeUnit.SECONDS) == null) {
                    throw new IllegalStateException("not granted: " + lock.getName());
                }
            }
            for (int i = fenced.size() - 1; i >= 0; i--) {
                fenced.get(i).unlock();
            }
        };
    }

    private static Result measure(String operation, int resources, int threads, PairFactory factory)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            run(pool, threads, factory, TimeUnit.SECONDS.toNanos(1)); // warm-up: JIT, connections
            long start = System.nanoTime();
            List<long[]> latencies = run(pool, threads, factory, TimeUnit.SECONDS.toNanos(SECONDS));
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Result(operation, resources, threads, all.length / elapsed, percentile(all, 0.50) / 1e3,
                    percentile(all, 0.99) / 1e3);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<long[]> run(ExecutorService pool, int threads, PairFactory factory, long nanos)
            throws Exception {
        long deadline = System.nanoTime() + nanos;
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Pair pair = factory.create(t);
            Callable<long[]> loop = () -> {
                long[] samples = new long[1 << 14];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    long begin = System.nanoTime();
                    pair.run();
                    if (n == samples.length) {
                        samples = Arrays.copyOf(samples, n * 2);
                    }
                    samples[n++] = System.nanoTime() - begin;
                }
                return Arrays.copyOf(samples, n);
            };
            futures.add(pool.submit(loop));
        }
        List<long[]> out = new ArrayList<>();
        for (Future<long[]> future : futures) {
            out.add(future.get());
        }
        return out;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    private static void print(String url, int database, List<Result> results) {
        System.out.printf("%nLock benchmark: %s database %d, %d s per row, %d cores%n%n", url, database, SECONDS,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| operation | resources | threads | pairs/s | p50 µs | p99 µs |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf("| %s | %d | %d | %,.0f | %,.0f | %,.0f |%n", r.operation(), r.resources(), r.threads(),
                    r.pairsPerSecond(), r.p50Micros(), r.p99Micros());
        }
    }
}
