package dev.genesis.bench.peer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.jobrunr.scheduling.JobRequestScheduler;

/**
 * Where JobRunr's handlers report their timings. JobRunr creates handlers by reflection, so
 * they cannot be handed a collector: this one static probe is reset before every measurement.
 */
public final class PeerProbe {

    /** {enqueuedMicros, startedMicros, finishedMicros} per job. */
    static final Queue<long[]> SAMPLES = new ConcurrentLinkedQueue<>();
    static volatile CountDownLatch done = new CountDownLatch(0);
    static volatile JobRequestScheduler scheduler;

    private PeerProbe() {
    }

    static void reset(int expectedJobs, JobRequestScheduler jobs) {
        SAMPLES.clear();
        done = new CountDownLatch(expectedJobs);
        scheduler = jobs;
    }

    static void record(long enqueuedMicros, long startedMicros) {
        SAMPLES.add(new long[] {enqueuedMicros, startedMicros, nowMicros()});
        done.countDown();
    }

    static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
