package dev.genesis.worker.execution;

import static dev.genesis.worker.testing.DispatchBuilder.aDispatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.spec.ResourceMode;
import dev.genesis.common.spec.Resources;
import dev.genesis.worker.locks.Lease;
import dev.genesis.worker.locks.LockClient;
import dev.genesis.worker.testing.FakeCoordinator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Locks asked for while a dispatch waits for a slot, against a coordinator double over HTTP. */
class EarlyLocksTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeCoordinator coordinator;
    private WorkerMetrics metrics;
    private SimpleMeterRegistry registry;
    private EarlyLocks early;

    @BeforeEach
    void start() throws Exception {
        coordinator = new FakeCoordinator();
        registry = new SimpleMeterRegistry();
        metrics = new WorkerMetrics(registry);
        early = earlyLocks(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        early.onStop(null);
        coordinator.close();
    }

    private EarlyLocks earlyLocks(Duration hold) {
        LockClient client = new LockClient(coordinator.url(), Duration.ofSeconds(30), Duration.ofSeconds(1), metrics);
        return new EarlyLocks(client, "w1", hold, metrics);
    }

    private static TaskDispatched writing(UUID run, String task) {
        return aDispatch("sleep").run(run).task(task).param("ms", 10).writes("out/" + task + ".txt").build();
    }

    @Test
    void theSlotRunsUnderTheLeaseAskedForWhileTheDispatchWaited() {
        TaskDispatched d = writing(UUID.randomUUID(), "a");

        FakeCoordinator.Grant grant = askedAndGranted(d);
        Lease lease = early.claim(DispatchQueue.keyOf(d)).orElseThrow();

        assertThat(lease.leaseId()).isEqualTo(grant.leaseId());
        assertThat(lease.token()).isEqualTo(grant.token());
        assertThat(grant.holder()).isEqualTo(DispatchQueue.keyOf(d).holder());
        assertThat(coordinator.releaseOf(grant.holder())).as("the slot releases it when the attempt ends").isEmpty();
        assertThat(early.pending()).isZero();
        assertThat(outcome("used")).isEqualTo(1);
    }

    @Test
    void aLeaseNoSlotClaimsWithinTheHoldIsGivenBackAndTheSlotAsksItself() {
        early.onStop(null);
        early = earlyLocks(Duration.ofMillis(200));
        TaskDispatched d = writing(UUID.randomUUID(), "a");

        early.ask(d);
        String holder = DispatchQueue.keyOf(d).holder();
        await().atMost(WAIT).until(() -> coordinator.releaseOf(holder).isPresent());

        assertThat(early.claim(DispatchQueue.keyOf(d))).isEmpty();
        assertThat(outcome("given-back")).isEqualTo(1);
    }

    @Test
    void aSetHeldElsewhereIsLeftToTheSlot() {
        UUID run = UUID.randomUUID();
        coordinator.heldElsewhereFor(run);
        TaskDispatched d = writing(run, "a");

        early.ask(d);
        await().atMost(WAIT).until(() -> outcome("denied") == 1);

        assertThat(early.claim(DispatchQueue.keyOf(d))).isEmpty();
        assertThat(coordinator.grantsOf(run)).isEmpty();
    }

    @Test
    void aDroppedDispatchGivesItsLeaseBackAtOnce() {
        TaskDispatched d = writing(UUID.randomUUID(), "a");
        FakeCoordinator.Grant grant = askedAndGranted(d);

        early.drop(DispatchQueue.keyOf(d));

        await().atMost(Duration.ofSeconds(2)).until(() -> coordinator.releaseOf(grant.holder()).isPresent());
        assertThat(early.claim(DispatchQueue.keyOf(d))).isEmpty();
    }

    @Test
    void aSlotThatTakesTheDispatchBeforeItsAskWentOutAsksItselfAndTheEarlyAskNeverGoes() {
        UUID slow = UUID.randomUUID();
        coordinator.slowAcquiresOf(slow, Duration.ofMillis(500));
        TaskDispatched first = writing(slow, "first");
        TaskDispatched second = writing(UUID.randomUUID(), "second");
        early.ask(first); // keeps the one asking thread busy for 500 ms
        early.ask(second);

        assertThat(early.claim(DispatchQueue.keyOf(second))).isEmpty();

        await().atMost(WAIT).until(() -> coordinator.grantOf(slow).isPresent());
        assertThat(early.claim(DispatchQueue.keyOf(first))).isPresent();
        assertThat(coordinator.grantsOf(second.runId())).isEmpty();
    }

    @Test
    void aClaimWaitsForAnAskOnItsWay() throws Exception {
        UUID slow = UUID.randomUUID();
        coordinator.slowAcquiresOf(slow, Duration.ofMillis(400));
        TaskDispatched d = writing(slow, "a");
        early.ask(d);
        await().atMost(WAIT).until(() -> early.pending() == 1);
        Thread.sleep(100); // the ask is out

        Optional<Lease> lease = early.claim(DispatchQueue.keyOf(d));

        assertThat(lease).isPresent();
        assertThat(coordinator.grantsOf(slow)).singleElement()
                .satisfies(g -> assertThat(g.leaseId()).isEqualTo(lease.get().leaseId()));
    }

    @Test
    void nothingIsAskedForADispatchWithoutLocksOrWhenTheHoldIsZero() throws Exception {
        TaskDispatched none = aDispatch("sleep").param("ms", 10).build();
        TaskDispatched merging = aDispatch("shell").resources(new Resources(List.of("src/"), List.of(),
                ResourceMode.MERGE)).build();
        early.ask(none);
        early.ask(merging); // a merge-mode writer holds no lock while it runs
        early.onStop(null);
        early = earlyLocks(Duration.ZERO);
        TaskDispatched off = writing(UUID.randomUUID(), "a");
        early.ask(off);

        Thread.sleep(200);
        assertThat(coordinator.grantsOf(none.runId())).isEmpty();
        assertThat(coordinator.grantsOf(merging.runId())).isEmpty();
        assertThat(coordinator.grantsOf(off.runId())).isEmpty();
        assertThat(early.pending()).isZero();
    }

    /** Asks early for the dispatch's locks and waits for the coordinator double to grant them. */
    private FakeCoordinator.Grant askedAndGranted(TaskDispatched d) {
        early.ask(d);
        return await().atMost(WAIT).until(() -> coordinator.grantOf(d.runId()), Optional::isPresent).orElseThrow();
    }

    private double outcome(String name) {
        var counter = registry.find("genesis.worker.early.locks").tag("outcome", name).counter();
        return counter == null ? 0 : counter.count();
    }
}
