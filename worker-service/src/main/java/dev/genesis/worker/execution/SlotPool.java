package dev.genesis.worker.execution;

import dev.genesis.common.concurrent.DaemonThreads;
import dev.genesis.common.events.TaskCancelRequested;
import dev.genesis.common.events.TaskDispatched;
import dev.genesis.worker.config.WorkerConfig;
import dev.genesis.worker.config.WorkerIdentity;
import dev.genesis.worker.messaging.EventPublisher;
import dev.genesis.worker.peers.PeerWorkers;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * The worker's N slots: a fixed set of platform threads that take dispatches from the local
 * {@link DispatchQueue} in priority order. Accepting a dispatch never blocks the caller.
 */
@ApplicationScoped
public class SlotPool {

    private static final Logger LOG = Logger.getLogger(SlotPool.class);
    /** Allowance for a start report (or a short attempt's result) to reach the queue. */
    static final Duration START_REPORT_TRANSIT = Duration.ofSeconds(1);

    private final AttemptRunner runner;
    private final EventPublisher publisher;
    private final EarlyLocks earlyLocks;
    private final WorkerIdentity identity;
    private final PeerWorkers peers;
    private final DispatchQueue waiting = new DispatchQueue();
    private final HeldContinuations continuations = new HeldContinuations();
    private final RunningAttempts running;
    private final int prefetch;
    private final Duration maxAge;
    /** How long before a dispatch's startBy a slot may still take it: see {@link #isStale}. */
    private final Duration startMargin;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean draining;
    private volatile boolean stopped;

    public SlotPool(WorkerConfig config, AttemptRunner runner, EarlyLocks earlyLocks, WorkerMetrics metrics,
            WorkerIdentity identity, PeerWorkers peers, EventPublisher publisher) {
        this.runner = runner;
        this.publisher = publisher;
        this.earlyLocks = earlyLocks;
        this.identity = identity;
        this.peers = peers;
        this.running = new RunningAttempts(config.slots());
        this.prefetch = Math.max(0, config.prefetch().orElse(config.slots() * WorkerConfig.PREFETCH_PER_SLOT));
        this.maxAge = config.dispatchMaxAge();
        this.startMargin = config.startReportDelay().plus(START_REPORT_TRANSIT);
        metrics.slots(running::slots, running::busy, waiting::size, continuations::size);
    }

    void start(@Observes StartupEvent event) {
        for (int i = 0; i < running.slots(); i++) {
            threads.add(DaemonThreads.start("genesis-slot-" + i, this::slotLoop));
        }
    }

    /**
     * Queues a dispatch for the next free slot; a draining worker hands it back at once. One that
     * finds no slot free has its locks asked for while it waits ({@link EarlyLocks}). A
     * continuation waits for the attempt it follows ({@link HeldContinuations}) and is queued,
     * ahead of nothing of higher priority, the moment that attempt succeeds here.
     */
    public void submit(TaskDispatched dispatch) {
        if (draining) {
            earlyLocks.drop(dispatch);
            runner.handBack(dispatch, "worker draining");
            return;
        }
        if (dispatch.isContinuation()) {
            if (!dispatch.isRelay() && dispatch.workerId() != null && !dispatch.workerId().equals(identity.id())) {
                LOG.debugf("dropping continuation %s/%s: sent ahead to worker %s", dispatch.runId(), dispatch.taskId(),
                        dispatch.workerId());
                return;
            }
            switch (continuations.arrive(dispatch)) {
                case HOLD -> {
                    return;
                }
                case DROP -> {
                    LOG.debugf("dropping continuation %s/%s: the attempt it follows did not succeed here",
                            dispatch.runId(), dispatch.taskId());
                    return;
                }
                case RUN -> {
                    // Its attempt succeeded here before it arrived: the paths it may want go first.
                    runner.takeBackLeftLease(HeldContinuations.afterOf(dispatch));
                    if (dispatch.isRelay()) {
                        forwardOnceReported(List.of(dispatch), continuations.reported(HeldContinuations.afterOf(dispatch)),
                                dispatch.after().taskId());
                        return;
                    }
                    dispatch = dispatch.rebased(Instant.now());
                }
            }
        }
        queue(dispatch);
    }

    /**
     * Sends relays on to their workers, as dispatches that may run at once (one record per
     * partition), once the success of the attempt they follow reached the broker: the queue must
     * read it before any report of theirs.
     * A success the broker did not take never reaches the queue, which then releases them.
     */
    private void forwardOnceReported(List<TaskDispatched> relays, CompletionStage<Void> reported, String after) {
        reported.whenComplete((done, error) -> {
            if (error == null) {
                Instant now = Instant.now();
                Map<Integer, List<TaskDispatched>> byPartition = new LinkedHashMap<>();
                relays.forEach(r -> byPartition.computeIfAbsent(r.relayTo(), k -> new ArrayList<>()).add(r.rebased(now)));
                byPartition.forEach((partition, batch) -> publisher.relay(batch, partition));
            } else {
                LOG.warnf("not forwarding %d relays after %s: its success was not sent (%s)", relays.size(), after,
                        error.getMessage());
            }
        });
    }

    private void queue(TaskDispatched dispatch) {
        continuations.taken(DispatchQueue.keyOf(dispatch));
        if (dispatch.lease() == null && freeSlots() == 0) {
            earlyLocks.ask(dispatch); // before the offer: the slot that takes it finds the ask
        }
        waiting.offer(dispatch);
    }

    /**
     * Continuations whose attempt this worker never took are dropped once their start-by passed:
     * when an attempt ends here, and by this check while none does.
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireContinuations() {
        int dropped = continuations.expire(Instant.now());
        if (dropped > 0) {
            LOG.debugf("dropped %d continuation(s) whose attempt did not run here within their start-by", dropped);
        }
    }

    /** Stops the named attempt if it runs or waits here; other workers' attempts are ignored. */
    public void cancel(TaskCancelRequested request) {
        AttemptKey key = new AttemptKey(request.runId(), request.taskId(), request.attempt());
        Optional<TaskDispatched> queued = waiting.remove(key);
        if (queued.isPresent()) {
            earlyLocks.drop(queued.get());
            runner.fail(queued.get(), AttemptRunner.CANCELLED, "cancelled before it started", false);
            continuations.ended(key, false, Instant.now());
            return;
        }
        if (continuations.cancel(key, Instant.now())) {
            return; // the queue cancelled it itself; it never ran
        }
        running.find(key).ifPresent(a -> a.stop(AttemptRunner.CANCELLED));
    }

    public int slots() {
        return running.slots();
    }

    /** How many short dispatches this worker takes beyond its slots (announced in its heartbeats). */
    public int prefetch() {
        return draining ? 0 : prefetch;
    }

    /** Slots neither running nor promised to a dispatch waiting here. */
    public int freeSlots() {
        return Math.max(0, running.free() - waiting.size());
    }

    public List<RunningAttempt> running() {
        return running.all();
    }

    public boolean draining() {
        return draining;
    }

    /**
     * Stops taking work: hands back what waits, lets running attempts finish within
     * {@code grace}, then stops and hands back the rest.
     */
    public void drain(Duration grace) {
        draining = true;
        for (TaskDispatched d : waiting.drainAll()) {
            earlyLocks.drop(d);
            runner.handBack(d, "worker draining");
            continuations.ended(DispatchQueue.keyOf(d), false, Instant.now());
        }
        awaitIdle(grace);
        running.all().forEach(a -> a.stop(AttemptRunner.DRAIN));
        awaitIdle(Duration.ofSeconds(10));
        stopped = true;
        threads.forEach(Thread::interrupt);
    }

    private void awaitIdle(Duration limit) {
        long until = System.nanoTime() + limit.toNanos();
        while ((running.busy() > 0 || waiting.size() > 0) && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void slotLoop() {
        while (!stopped) {
            try {
                Optional<TaskDispatched> next = waiting.poll(500);
                next.ifPresent(this::runOne);
            } catch (InterruptedException e) {
                if (stopped) {
                    return;
                }
            } catch (RuntimeException e) {
                // one task can never stop a slot
                LOG.error("slot loop survived an unexpected error", e);
            }
        }
    }

    /** How a dispatch left a slot. */
    private enum Taken { SUCCEEDED, ENDED, NOT_RUN, SECOND_DELIVERY }

    /** How a dispatch left a slot, and when its result reached the broker. */
    private record Outcome(Taken taken, CompletionStage<Void> reported) {

        static Outcome of(Taken taken) {
            return new Outcome(taken, CompletableFuture.completedFuture(null));
        }
    }

    private void runOne(TaskDispatched dispatch) {
        Outcome outcome = takeOn(dispatch);
        Taken taken = outcome.taken();
        if (taken == Taken.NOT_RUN) {
            earlyLocks.drop(dispatch);
        } else if (taken == Taken.SECOND_DELIVERY) {
            earlyLocks.drop(DispatchQueue.keyOf(dispatch)); // a lease in it is the first delivery's
        }
        if (taken == Taken.SECOND_DELIVERY) {
            return; // the first delivery runs on another slot and ends the attempt there
        }
        // Queued before this slot polls again, so that a continuation takes the slot its dependency freed.
        Instant now = Instant.now();
        List<TaskDispatched> relays = new ArrayList<>();
        List<TaskDispatched> ready = continuations.ended(DispatchQueue.keyOf(dispatch), taken == Taken.SUCCEEDED,
                outcome.reported(), now);
        if (!ready.isEmpty()) {
            // They may want the paths of the lease this success left to the queue: released here first.
            runner.takeBackLeftLease(DispatchQueue.keyOf(dispatch));
        }
        for (TaskDispatched next : ready) {
            if (next.isRelay()) {
                relays.add(next);
            } else {
                submit(next.rebased(now));
            }
        }
        if (!relays.isEmpty()) {
            forwardOnceReported(relays, outcome.reported(), dispatch.taskId());
        }
    }

    /** Runs the dispatch on this slot and tells how it left: run to success or another end, not run here, or a copy. */
    private Outcome takeOn(TaskDispatched dispatch) {
        if (draining) {
            runner.handBack(dispatch, "worker draining");
            return Outcome.of(Taken.NOT_RUN);
        }
        if (dispatch.workerId() != null && !dispatch.workerId().equals(identity.id())
                && peers.isGone(dispatch.workerId())) {
            LOG.infof("dropping %s/%s attempt %d: it was sent to worker %s, which is gone (its attempts were "
                    + "dispatched again)", dispatch.runId(), dispatch.taskId(), dispatch.attempt(), dispatch.workerId());
            return Outcome.of(Taken.NOT_RUN);
        }
        if (isStale(dispatch)) {
            LOG.warnf("dropping %s/%s attempt %d: dispatched at %s, to be started by %s (the queue sends it "
                    + "again when it has not heard of its start by then; if this repeats, check that the clocks "
                    + "of the queue's and this host agree)", dispatch.runId(), dispatch.taskId(), dispatch.attempt(),
                    dispatch.dispatchedAt(), dispatch.startBy() != null ? dispatch.startBy()
                            : dispatch.dispatchedAt() + " + " + maxAge);
            return Outcome.of(Taken.NOT_RUN);
        }
        RunningAttempt attempt = new RunningAttempt(dispatch, Instant.now());
        if (!running.occupy(attempt)) {
            LOG.infof("ignoring a second delivery of %s", attempt.key().holder());
            return Outcome.of(Taken.SECOND_DELIVERY);
        }
        boolean succeeded = false;
        try {
            succeeded = runner.run(attempt);
        } catch (RuntimeException e) {
            LOG.errorf(e, "attempt %s ended with an unexpected error", attempt.key().holder());
            runner.fail(dispatch, "error", String.valueOf(e.getMessage()), true);
        } finally {
            running.free(attempt.key());
            Thread.interrupted(); // a stop aimed at this attempt must not hit the next one
        }
        return new Outcome(succeeded ? Taken.SUCCEEDED : Taken.ENDED, attempt.reported());
    }

    /**
     * The start margin, but at most half of the dispatch's own window: a queue whose dispatch
     * timeout is shorter than the margin still gets its dispatches run.
     */
    private Duration marginBefore(TaskDispatched dispatch) {
        if (dispatch.dispatchedAt() == null) {
            return startMargin;
        }
        Duration half = Duration.between(dispatch.dispatchedAt(), dispatch.startBy()).dividedBy(2);
        return half.compareTo(startMargin) < 0 ? half : startMargin;
    }

    /**
     * Whether running this dispatch now could race its own re-dispatch. The queue dispatches the
     * task again at {@code startBy} unless it has heard of the start by then, and it hears of it
     * only after the start-report delay (or with the result of a shorter attempt) and the report's
     * transit: a slot that took the dispatch later than that before {@code startBy} would run an
     * attempt the queue may already have superseded. Dispatches without {@code startBy} (from an
     * older queue) are judged by dispatch-max-age; a dispatch-max-age of 0 turns the check off.
     */
    private boolean isStale(TaskDispatched dispatch) {
        if (maxAge.isZero()) {
            return false;
        }
        Instant now = Instant.now();
        if (dispatch.startBy() != null) {
            return now.plus(marginBefore(dispatch)).isAfter(dispatch.startBy());
        }
        return dispatch.dispatchedAt() != null && dispatch.dispatchedAt().plus(maxAge).isBefore(now);
    }
}
