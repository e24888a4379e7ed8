package dev.genesis.worker.execution;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Prometheus meters of the worker: attempts executed and failed and how long they ran, its slots,
 * the time it waits for locks, dead letters and hand-backs.
 */
@ApplicationScoped
public class WorkerMetrics {

    /** Buckets of {@code genesis.worker.task.duration}: from a noop's milliseconds to a long agent's hour. */
    static final Duration[] TASK_DURATION_BUCKETS = {ms(10), ms(50), ms(100), ms(250), ms(500), seconds(1),
        ms(2_500), seconds(5), seconds(10), seconds(30), seconds(60), seconds(120), seconds(300), seconds(600),
        seconds(1_800), seconds(3_600)};

    /** Buckets of {@code genesis.worker.lock.wait}: a free set is granted in milliseconds, the wait ends at lock-wait (10 s). */
    static final Duration[] LOCK_WAIT_BUCKETS = {ms(1), ms(2), ms(5), ms(10), ms(25), ms(50), ms(100), ms(250),
        ms(500), seconds(1), ms(2_500), seconds(5), seconds(10), seconds(30)};

    private final MeterRegistry registry;
    private final Counter executed;
    private final Counter failed;
    private final Timer duration;
    private final Timer lockGranted;
    private final Timer lockNotGranted;
    private final Counter deadLetters;
    private final Counter handBacks;
    private final Counter relays;
    private final Map<String, Counter> earlyLocks = new ConcurrentHashMap<>();
    private final Map<String, Counter> leaseReleases = new ConcurrentHashMap<>();

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.executed = Counter.builder("genesis.worker.tasks.executed")
                .description("Attempts this worker ran to an end (any outcome)").register(registry);
        this.failed = Counter.builder("genesis.worker.tasks.failed")
                .description("Attempts that failed, timed out or were cancelled").register(registry);
        this.duration = Timer.builder("genesis.worker.task.duration")
                .description("How long attempts ran, from start to outcome")
                .serviceLevelObjectives(TASK_DURATION_BUCKETS).register(registry);
        this.lockGranted = lockWait(true);
        this.lockNotGranted = lockWait(false);
        this.deadLetters = Counter.builder("genesis.worker.dlq.records")
                .description("Unreadable records of genesis.tasks.ready sent to genesis.tasks.dlq").register(registry);
        this.handBacks = Counter.builder("genesis.worker.handbacks")
                .description("Attempts handed back to the queue unfinished (draining, locks not granted)")
                .register(registry);
        this.relays = Counter.builder("genesis.worker.relays.forwarded")
                .description("Relays forwarded to the worker they are meant for, after the attempt they follow "
                        + "succeeded here").register(registry);
    }

    public void relayed(int count) {
        relays.increment(count);
    }

    /** Registers the slot gauges over the pool's live figures. */
    void slots(IntSupplier total, IntSupplier busy, IntSupplier waiting, IntSupplier continuations) {
        gauge("genesis.worker.slots", total, "Slots of this worker");
        gauge("genesis.worker.slots.busy", busy, "Slots running an attempt now");
        gauge("genesis.worker.slots.free", () -> Math.max(0, total.getAsInt() - busy.getAsInt()),
                "Slots running nothing now");
        gauge("genesis.worker.dispatches.waiting", waiting, "Dispatches waiting here for a slot");
        gauge("genesis.worker.continuations.waiting", continuations,
                "Continuations and relays waiting here for the attempt they follow to succeed");
    }

    void finished(Duration took, boolean succeeded) {
        executed.increment();
        if (!succeeded) {
            failed.increment();
        }
        duration.record(took);
    }

    /** Time spent asking the coordinator for a lock set, whether it was granted or not. */
    public void lockWaited(long nanos, boolean granted) {
        (granted ? lockGranted : lockNotGranted).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** What became of an early lock ask ({@link EarlyLocks}): used, not-used, denied, given-back, dropped. */
    void earlyLock(String outcome) {
        earlyLocks.computeIfAbsent(outcome, o -> Counter.builder("genesis.worker.early.locks").tag("outcome", o)
                .description("Early lock asks for dispatches waiting here, by what became of them")
                .register(registry)).increment();
    }

    /** Who released the lease an attempt ran under: by-worker, or by-queue when it was left to the queue. */
    void leaseReleased(String by) {
        leaseReleases.computeIfAbsent(by, b -> Counter.builder("genesis.worker.lease.releases").tag("by", b)
                .description("Leases attempts ran under, by who released them: this worker, or the queue, "
                        + "to which a success leaves the lease it took at dispatch").register(registry)).increment();
    }

    public void deadLettered() {
        deadLetters.increment();
    }

    void handedBack() {
        handBacks.increment();
    }

    private Timer lockWait(boolean granted) {
        return Timer.builder("genesis.worker.lock.wait").tag("granted", String.valueOf(granted))
                .description("How long the worker waited for its locks, by whether they were granted")
                .serviceLevelObjectives(LOCK_WAIT_BUCKETS).register(registry);
    }

    private void gauge(String name, IntSupplier value, String description) {
        Gauge.builder(name, value::getAsInt).description(description).strongReference(true).register(registry);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
