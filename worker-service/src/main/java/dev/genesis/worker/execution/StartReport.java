package dev.genesis.worker.execution;

import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The start of one attempt, said at most once. It is sent on its own once the attempt has run for
 * {@code genesis.worker.start-report-delay}; an attempt that ends before that says its start
 * inside its result instead. Progress reported within that window is held (the latest wins) and
 * sent right after the start, or dropped when the result comes first and supersedes it. A short
 * task thus costs one event to the queue, the dashboard and the broker instead of two or three,
 * and the queue moves it in one step, with no RUNNING change that nobody could have watched anyway.
 *
 * <p>All ways are ordered: {@link #end}, {@link #hold} and the timer take the same lock, so a
 * result is always sent after the start it follows, and progress after its start.
 */
final class StartReport {

    private final Instant startedAt;
    private final Runnable send;
    private ScheduledFuture<?> timer;
    private Runnable heldProgress;
    private boolean sent;
    private boolean ended;

    private StartReport(Instant startedAt, Runnable send) {
        this.startedAt = startedAt;
        this.send = send;
    }

    /** Sends the start after {@code delayMs}, at once when the delay is 0. */
    static StartReport schedule(Instant startedAt, Runnable send, long delayMs, ScheduledExecutorService timers) {
        StartReport report = new StartReport(startedAt, send);
        if (delayMs <= 0) {
            report.sendNow();
        } else {
            ScheduledFuture<?> timer = timers.schedule(report::sendNow, delayMs, TimeUnit.MILLISECONDS);
            synchronized (report) {
                report.timer = timer;
            }
        }
        return report;
    }

    /** Sends the start, then any held progress, unless it was sent already or the attempt has ended. */
    synchronized void sendNow() {
        if (!sent && !ended) {
            sent = true;
            send.run();
            if (heldProgress != null) {
                heldProgress.run();
                heldProgress = null;
            }
        }
    }

    /**
     * Keeps {@code progress} to send after the start while the start is still unsaid, in place of
     * progress held before; once the attempt has ended it is dropped.
     *
     * @return false when the start was sent already: the caller sends the progress itself
     */
    synchronized boolean hold(Runnable progress) {
        if (sent) {
            return false;
        }
        if (!ended) {
            heldProgress = progress;
        }
        return true;
    }

    /**
     * Closes the report as the attempt's result is about to be sent.
     *
     * @return the start to carry in the result, or null when it was sent on its own
     */
    synchronized Instant end() {
        boolean first = !ended;
        ended = true;
        heldProgress = null;
        if (timer != null) {
            timer.cancel(false);
        }
        return first && !sent ? startedAt : null;
    }
}
