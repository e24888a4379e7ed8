package dev.genesis.bench.peer;

import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * JobRunr's counterpart of a Genesis {@code noop} task. With {@code remaining > 0} the job
 * enqueues the next link of a chain as its last act, the way a finished Genesis task makes
 * its dependent ready, so the next job's enqueue→start is the peer's dispatch latency.
 */
public class NoopJob implements JobRequest {

    private long enqueuedMicros;
    private int remaining;

    public NoopJob() {
    }

    public NoopJob(long enqueuedMicros, int remaining) {
        this.enqueuedMicros = enqueuedMicros;
        this.remaining = remaining;
    }

    public long getEnqueuedMicros() {
        return enqueuedMicros;
    }

    public int getRemaining() {
        return remaining;
    }

    @Override
    public Class<Handler> getJobRequestHandler() {
        return Handler.class;
    }

    /** Does nothing but note when it ran. */
    public static class Handler implements JobRequestHandler<NoopJob> {

        @Override
        public void run(NoopJob job) {
            long started = PeerProbe.nowMicros();
            if (job.getRemaining() > 0) {
                PeerProbe.scheduler.enqueue(new NoopJob(PeerProbe.nowMicros(), job.getRemaining() - 1));
            }
            PeerProbe.record(job.getEnqueuedMicros(), started);
        }
    }
}
