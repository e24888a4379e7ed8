package dev.genesis.coordinator.metrics;

import dev.genesis.coordinator.changesets.CommitMode;
import dev.genesis.coordinator.health.WorkerRegistry;
import dev.genesis.coordinator.locks.LockManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus meters of the coordinator: lock decisions and the time a request waited for them,
 * live leases, changesets and their conflicts, workers declared dead, dead letters.
 *
 * <p>The lock manager reports here and the live-lease gauge reads the lock manager: both are
 * application scoped, so each holds the other's client proxy. Built at start, so that every series
 * shows (at zero) before its first event.
 */
@Startup
@ApplicationScoped
public class CoordinatorMetrics {

    /** Buckets of {@code genesis.coordinator.lock.wait}: a free set is granted in a Redis round trip, a wait ends at waitMs. */
    static final Duration[] LOCK_WAIT_BUCKETS = {ms(1), ms(2), ms(5), ms(10), ms(25), ms(50), ms(100), ms(250),
        ms(500), ms(1_000), ms(2_500), ms(5_000), ms(10_000), ms(30_000)};

    private final MeterRegistry registry;
    private final Counter granted;
    private final Counter denied;
    private final Counter failed;
    private final Timer grantedWait;
    private final Timer deniedWait;
    private final Counter contended;
    private final Counter redisErrors;
    private final Counter committed;
    private final Map<CommitMode, Counter> conflicts = new EnumMap<>(CommitMode.class);
    private final Counter declaredDead;
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();

    @Inject
    public CoordinatorMetrics(MeterRegistry registry, LockManager locks, WorkerRegistry workers) {
        this(registry);
        Gauge.builder("genesis.coordinator.leases.active", () -> liveLeases(locks)).strongReference(true)
                .description("Live (unexpired) lock leases in Redis; NaN while Redis cannot be read").register(registry);
        Gauge.builder("genesis.coordinator.workers.alive", workers::aliveCount).strongReference(true)
                .description("Workers heartbeating now").register(registry);
    }

    /** The counters and timers without the gauges: for a lock manager built by hand (tests, the benchmark). */
    public CoordinatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.granted = acquisitions("granted");
        this.denied = acquisitions("denied");
        this.failed = acquisitions("error");
        this.grantedWait = lockWait("granted");
        this.deniedWait = lockWait("denied");
        this.contended = Counter.builder("genesis.coordinator.lock.contended")
                .description("Lock requests that found their set taken at first and had to wait").register(registry);
        this.redisErrors = Counter.builder("genesis.coordinator.redis.errors")
                .description("Lock operations Redis did not answer (never taken for a grant)").register(registry);
        this.committed = Counter.builder("genesis.coordinator.changesets.committed")
                .description("Changesets that landed (tasks' and imports')").register(registry);
        for (CommitMode mode : CommitMode.values()) {
            conflicts.put(mode, Counter.builder("genesis.coordinator.merge.conflicts").tag("mode", mode.label())
                    .description("Changesets refused for a real conflict (nothing landed), by commit mode")
                    .register(registry));
        }
        this.declaredDead = Counter.builder("genesis.coordinator.workers.declared.dead")
                .description("Workers declared dead for silence (their leases released, their attempts re-queued)")
                .register(registry);
    }

    /** A lock set granted after waiting {@code nanos} (0 when it was free at once). */
    public void lockGranted(long nanos) {
        granted.increment();
        grantedWait.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A lock set still taken when its wait ran out. */
    public void lockDenied(long nanos) {
        denied.increment();
        deniedWait.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A lock request that ended in an error (Redis unreachable): not acquired. */
    public void lockFailed() {
        failed.increment();
    }

    public void lockContended() {
        contended.increment();
    }

    public void redisError() {
        redisErrors.increment();
    }

    public void changesetCommitted() {
        committed.increment();
    }

    public void conflict(CommitMode mode) {
        conflicts.get(mode).increment();
    }

    public void workerDeclaredDead() {
        declaredDead.increment();
    }

    /** A record sent to {@code genesis.tasks.dlq}; {@code source} is the topic it was read from. */
    public void deadLettered(String source) {
        deadLetters.computeIfAbsent(source, s -> Counter.builder("genesis.coordinator.dlq.records").tag("source", s)
                .description("Records the coordinator could not process and sent to genesis.tasks.dlq, by source topic")
                .register(registry)).increment();
    }

    private Counter acquisitions(String outcome) {
        return Counter.builder("genesis.coordinator.lock.acquisitions").tag("outcome", outcome)
                .description("Lock requests by outcome: granted, denied (still taken after the wait), error")
                .register(registry);
    }

    private Timer lockWait(String outcome) {
        return Timer.builder("genesis.coordinator.lock.wait").tag("outcome", outcome)
                .description("How long a lock request waited in the coordinator, by outcome")
                .serviceLevelObjectives(LOCK_WAIT_BUCKETS).register(registry);
    }

    private static double liveLeases(LockManager locks) {
        try {
            return locks.activeLeases();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
