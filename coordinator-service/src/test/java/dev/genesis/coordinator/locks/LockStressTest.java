package dev.genesis.coordinator.locks;

import static dev.genesis.coordinator.locks.LockRequestBuilder.aLock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.common.spec.ResourcePaths;
import dev.genesis.common.testing.GenesisTestServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class LockStressTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 50;

    @Inject
    LockManager locks;

    /** What one thread believes it holds right now. */
    record Hold(String holder, List<String> writes, List<String> reads) {

        boolean clashesWith(Hold other) {
            return ResourcePaths.anyOverlap(writes, other.writes) || ResourcePaths.anyOverlap(writes, other.reads)
                    || ResourcePaths.anyOverlap(reads, other.writes);
        }
    }

    @Test
    void randomOverlappingSetsNeverDeadlockNorOverlapExclusively() throws Exception {
        String ns = "stress-" + UUID.randomUUID() + "/";
        List<String> paths = List.of(ns + "src/", ns + "src/a.txt", ns + "src/b.txt", ns + "src/sub/",
                ns + "src/sub/c.txt", ns + "docs/", ns + "docs/x.md", ns + "build.gradle", ns + "README.md",
                ns + "lib/d.txt");
        Map<String, Hold> current = new ConcurrentHashMap<>();
        List<String> violations = new CopyOnWriteArrayList<>();
        AtomicInteger grants = new AtomicInteger();
        List<Long> tokens = new CopyOnWriteArrayList<>();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                Random random = new Random(thread * 7919L);
                for (int round = 0; round < ROUNDS; round++) {
                    Hold want = randomSet(random, paths, "stress/" + thread + "#" + round);
                    Lease lease = locks.acquire(aLock(want.holder())
                            .writes(want.writes().toArray(String[]::new))
                            .reads(want.reads().toArray(String[]::new))
                            .leaseMs(5_000).waitMs(30_000).build());
                    grants.incrementAndGet();
                    tokens.add(lease.token());
                    // Recorded before the check: of two clashing holds, the later check sees the other.
                    current.put(want.holder(), want);
                    for (Hold other : current.values()) {
                        if (other != want && other.clashesWith(want)) {
                            violations.add(want + " granted while " + other + " held");
                        }
                    }
                    simulateWork(random);
                    current.remove(want.holder());
                    locks.release(lease.leaseId());
                }
                return null;
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).as("no deadlock: all threads finished").isTrue();
        for (Future<?> f : done) {
            f.get();
        }

        assertThat(violations).isEmpty();
        assertThat(grants.get()).isEqualTo(THREADS * ROUNDS);
        assertThat(tokens).doesNotHaveDuplicates();
    }

    /** A task's work inside its locks: it keeps the hold open long enough for clashes to show. */
    private static void simulateWork(Random random) throws InterruptedException {
        TimeUnit.MICROSECONDS.sleep(200 + random.nextInt(800));
    }

    private static Hold randomSet(Random random, List<String> paths, String holder) {
        List<String> writes = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        int size = 1 + random.nextInt(3);
        for (int i = 0; i < size; i++) {
            String path = paths.get(random.nextInt(paths.size()));
            if (random.nextBoolean()) {
                writes.add(path);
            } else {
                reads.add(path);
            }
        }
        return new Hold(holder, writes, reads);
    }
}
