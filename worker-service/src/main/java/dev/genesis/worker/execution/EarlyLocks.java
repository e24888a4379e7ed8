package dev.genesis.worker.execution;

import dev.genesis.common.concurrent.DaemonThreads;
import dev.genesis.common.events.TaskDispatched;
import dev.genesis.worker.config.WorkerConfig;
import dev.genesis.worker.config.WorkerIdentity;
import dev.genesis.worker.locks.Lease;
import dev.genesis.worker.locks.LockClient;
import dev.genesis.worker.locks.LockSet;
import dev.genesis.worker.locks.LockUnavailableException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Locks asked for while a dispatch waits in this worker's backlog, so that the slot that takes it
 * finds them granted instead of asking the coordinator on its own path: under load a grant took
 * ~10 ms, as long as the short tasks that wait in backlogs run (design notes, "Locks").
 *
 * <p>An early ask is one try without waiting. A set that is held now is left to the slot, which
 * asks and waits as it always did; so is a dispatch that a slot takes before its ask went out. An
 * early lease that no slot claims within the hold (its slot stayed busy for longer than expected,
 * or the dispatch was dropped or cancelled) is given back: a task that waits for a slot while
 * holding locks could keep another worker's slot waiting for them, and the hold bounds that wait.
 * The queue already sends no two conflicting tasks at once, so such a wait needs a holder from
 * outside Genesis.
 */
@ApplicationScoped
public class EarlyLocks {

    /** QUEUED: the ask is not sent yet; ASKING: sent; HELD: granted and waiting for its slot; DONE: claimed or let go. */
    private enum State { QUEUED, ASKING, HELD, DONE }

    private static final Logger LOG = Logger.getLogger(EarlyLocks.class);
    /** How long a slot waits for the answer to an ask already sent (the client's own answer margin is 5 s). */
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(6);

    private final LockClient locks;
    private final String owner;
    private final Duration hold;
    private final WorkerMetrics metrics;
    private final Map<AttemptKey, Early> entries = new ConcurrentHashMap<>();
    /** One thread asks, gives back and releases: asks go out in the order the dispatches came. */
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1,
            DaemonThreads.named("genesis-early-locks"));

    @Inject
    public EarlyLocks(LockClient locks, WorkerIdentity identity, WorkerConfig config, WorkerMetrics metrics) {
        this(locks, identity.id(), config.earlyLockHold(), metrics);
    }

    EarlyLocks(LockClient locks, String owner, Duration hold, WorkerMetrics metrics) {
        this.locks = locks;
        this.owner = owner;
        this.hold = hold;
        this.metrics = metrics;
        thread.setRemoveOnCancelPolicy(true);
    }

    void onStop(@Observes ShutdownEvent event) {
        List.copyOf(entries.keySet()).forEach(this::drop);
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks for the dispatch's locks now, for the slot that will take it; nothing to do when it needs none. */
    public void ask(TaskDispatched dispatch) {
        LockSet set = LockSet.whileRunning(dispatch.resources());
        if (hold.isZero() || set.isEmpty()) {
            return;
        }
        Early early = new Early(DispatchQueue.keyOf(dispatch), set);
        if (entries.putIfAbsent(early.key, early) == null) {
            try {
                thread.execute(early::send);
            } catch (RejectedExecutionException e) {
                entries.remove(early.key, early); // shutting down: the slot asks, if it still runs it
            }
        }
    }

    /**
     * The early lease of this attempt, for its slot to run under; empty when there is none and the
     * slot must ask itself (never asked, not granted, not sent yet, given back). Waits for an ask
     * that is on its way.
     */
    public Optional<Lease> claim(AttemptKey key) {
        Early early = entries.remove(key);
        if (early == null) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        Optional<Lease> lease = early.claim();
        lease.ifPresent(l -> metrics.lockWaited(System.nanoTime() - start, true));
        metrics.earlyLock(lease.isPresent() ? "used" : "not-used");
        return lease;
    }

    /** Lets the early lease of an attempt that will not run here go (dropped, cancelled, handed back). */
    public void drop(AttemptKey key) {
        Early early = entries.remove(key);
        if (early != null) {
            early.letGo("dropped");
        }
    }

    /**
     * Lets go of a dispatch that will not run here (handed back, cancelled while it waited, not
     * taken): its early ask, and the lease the queue took for it at dispatch, if any.
     */
    public void drop(TaskDispatched dispatch) {
        drop(DispatchQueue.keyOf(dispatch));
        if (dispatch.lease() != null) {
            metrics.earlyLock("dispatched-given-back");
            release(leaseOf(dispatch.lease()));
        }
    }

    /** Gives a lease back on this class's thread, or on the caller's once that thread is shut down. */
    private void release(Lease lease) {
        try {
            thread.execute(() -> locks.release(lease));
        } catch (RejectedExecutionException e) {
            locks.release(lease);
        }
    }

    /** The lease the queue took for a dispatch, as this worker's lock client knows leases. */
    static Lease leaseOf(TaskDispatched.LeaseGrant granted) {
        return new Lease(granted.leaseId(), granted.token(), granted.expiresAt());
    }

    /** How many attempts have an early ask or lease here. */
    int pending() {
        return entries.size();
    }

    /** One attempt's early ask: its state machine, guarded by its own monitor. */
    private final class Early {

        final AttemptKey key;
        final LockSet set;
        private State state = State.QUEUED;
        private Lease lease;
        private ScheduledFuture<?> giveBack;

        Early(AttemptKey key, LockSet set) {
            this.key = key;
            this.set = set;
        }

        /** On the early-locks thread. */
        void send() {
            synchronized (this) {
                if (state != State.QUEUED) {
                    return;
                }
                state = State.ASKING;
            }
            Lease granted = null;
            try {
                granted = locks.tryAcquire(owner, key.holder(), set).orElse(null);
            } catch (LockUnavailableException e) {
                LOG.debugf("early locks of %s not asked: %s", key.holder(), e.getMessage());
            }
            answered(granted);
        }

        private void answered(Lease granted) {
            boolean unwanted;
            synchronized (this) {
                unwanted = state != State.ASKING;
                if (!unwanted) {
                    state = granted == null ? State.DONE : State.HELD;
                    lease = granted;
                    if (granted != null) {
                        giveBack = thread.schedule(() -> {
                            entries.remove(key, this);
                            letGo("given-back");
                        }, hold.toNanos(), TimeUnit.NANOSECONDS);
                    }
                }
                notifyAll();
            }
            if (granted == null) {
                metrics.earlyLock("denied");
                entries.remove(key, this);
            } else if (unwanted) {
                // let go while the ask was out: the answer is not anyone's
                metrics.earlyLock("dropped");
                locks.release(granted);
            }
        }

        synchronized Optional<Lease> claim() {
            long until = System.nanoTime() + ANSWER_WAIT.toNanos();
            try {
                while (state == State.ASKING && System.nanoTime() < until) {
                    TimeUnit.NANOSECONDS.timedWait(this, until - System.nanoTime());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.ofNullable(end());
        }

        /** Ends the ask; answers the lease it held, if any, which is now the caller's. */
        private synchronized Lease end() {
            Lease held = state == State.HELD ? lease : null;
            state = State.DONE;
            if (giveBack != null) {
                giveBack.cancel(false);
            }
            return held;
        }

        void letGo(String why) {
            Lease held = end();
            if (held != null) {
                metrics.earlyLock(why);
                release(held);
            }
        }
    }
}
