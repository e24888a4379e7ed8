package dev.genesis.worker.execution;

import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The start of one attempt, said at most once. It is sent on its own once the attempt has run for
 * {@code genesis.worker.start-report-delay} (or earlier, before the attempt's first progress
 * event); an attempt that ends before that says its start inside its result instead. A short task
 * thus costs one event to the queue, the dashboard and the broker instead of two, and the queue
 * moves it in one step, with no RUNNING change that nobody could have watched anyway.
 *
 * <p>Both ways are ordered: {@link #end} and the timer take the same lock, so a result is always
 * sent after the start it follows.
 */
final class StartReport {

    private final Instant startedAt;
    private final Runnable send;
    private ScheduledFuture<?> timer;
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

    /** Sends the start unless it was sent already or the attempt has ended. */
    synchronized void sendNow() {
        if (!sent && !ended) {
            sent = true;
            send.run();
        }
    }

    /**
     * Closes the report as the attempt's result is about to be sent.
     *
     * @return the start to carry in the result, or null when it was sent on its own
     */
    synchronized Instant end() {
        boolean first = !ended;
        ended = true;
        if (timer != null) {
            timer.cancel(false);
        }
        return first && !sent ? startedAt : null;
    }
}
