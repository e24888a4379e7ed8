package dev.genesis.queue.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.queue.store.ActiveAttempt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SlotPlanTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final long SHORT = 250;

    @Test
    void fillsFreeSlotsMostFreeWorkerFirst() {
        SlotPlan plan = new SlotPlan(List.of(worker("a", 3, 0), worker("b", 3, 0)), running("a", 2, 0), SHORT);
        assertThat(plan.room()).isEqualTo(4);
        assertThat(plan.place(false)).contains("b");
        assertThat(plan.place(false)).contains("b");
        List<String> next = List.of(plan.place(false).orElseThrow(), plan.place(false).orElseThrow());
        assertThat(next).containsExactlyInAnyOrder("a", "b");
        assertThat(plan.place(false)).isEmpty();
        assertThat(plan.place(true)).as("no worker offers a backlog").isEmpty();
    }

    @Test
    void onlyShortTasksWaitInABacklogAndOnlyOnceEverySlotIsTaken() {
        SlotPlan plan = new SlotPlan(List.of(worker("a", 1, 2), worker("b", 1, 1)), running("a", 1, 10), SHORT);
        assertThat(plan.room()).isEqualTo(4);
        assertThat(plan.place(true)).as("a free slot first, even for a short task").contains("b");
        assertThat(plan.place(false)).as("a long task never waits in a backlog").isEmpty();
        assertThat(plan.place(true)).as("the largest backlog room").contains("a");
        List<Optional<String>> rest = List.of(plan.place(true), plan.place(true), plan.place(true));
        assertThat(rest).containsExactlyInAnyOrder(Optional.of("a"), Optional.of("b"), Optional.empty());
    }

    @Test
    void aWorkerBusyWithLongOrUnknownWorkOffersNoBacklog() {
        List<ActiveAttempt> active = new ArrayList<>(running("a", 1, 10));
        active.add(new ActiveAttempt("a", List.of(), List.of(), "lock", OptionalLong.empty()));
        active.addAll(running("b", 2, 5_000));
        SlotPlan plan = new SlotPlan(List.of(worker("a", 2, 2), worker("b", 2, 2), worker("c", 1, 2)), active, SHORT);
        assertThat(plan.room()).as("only c, whose slot is free and whose work is short").isEqualTo(3);
        assertThat(plan.place(true)).contains("c");
        assertThat(plan.place(true)).contains("c");
        assertThat(plan.place(true)).contains("c");
        assertThat(plan.place(true)).isEmpty();
    }

    @Test
    void aLongTaskPlacedInThisRoundClosesThatWorkersBacklog() {
        SlotPlan plan = new SlotPlan(List.of(worker("a", 1, 2)), List.of(), SHORT);
        assertThat(plan.place(false)).contains("a");
        assertThat(plan.place(true)).isEmpty();
    }

    @Test
    void shortMeansAKnownLengthWithinTheLimit() {
        assertThat(SlotPlan.isShort(OptionalLong.of(250), SHORT)).isTrue();
        assertThat(SlotPlan.isShort(OptionalLong.of(251), SHORT)).isFalse();
        assertThat(SlotPlan.isShort(OptionalLong.empty(), SHORT)).isFalse();
        assertThat(SlotPlan.isShort(OptionalLong.of(0), 0)).as("prefetch off").isFalse();
    }

    @Test
    void attemptsOfUnknownWorkersTakeNothing() {
        SlotPlan plan = new SlotPlan(List.of(worker("a", 2, 0)), running("gone", 5, 0), SHORT);
        assertThat(plan.room()).isEqualTo(2);
    }

    private static WorkerCapacity worker(String id, int slots, int prefetch) {
        return new WorkerCapacity(id, slots, prefetch, List.of(0), false, NOW);
    }

    private static List<ActiveAttempt> running(String worker, int n, long expectedMs) {
        List<ActiveAttempt> attempts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            attempts.add(new ActiveAttempt(worker, List.of(), List.of(), "lock", OptionalLong.of(expectedMs)));
        }
        return attempts;
    }
}
