package dev.genesis.queue.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.queue.store.ActiveAttempt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SlotPlanTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final long SHORT = 250;
    private static final OptionalLong SHORT_TASK = OptionalLong.of(0);
    private static final OptionalLong LONG_TASK = OptionalLong.empty();

    @Test
    void fillsFreeSlotsMostFreeWorkerFirst() {
        SlotPlan plan = new SlotPlan(List.of(worker("a", 3, 0), worker("b", 3, 0)), running("a", 2, 0), SHORT);
        assertThat(plan.room()).isEqualTo(4);
        assertThat(plan.place(LONG_TASK)).contains("b");
        assertThat(plan.place(LONG_TASK)).contains("b");
        List<String> next = List.of(plan.place(LONG_TASK).orElseThrow(), plan.place(LONG_TASK).orElseThrow());
        assertThat(next).containsExactlyInAnyOrder("a", "b");
        assertThat(plan.place(LONG_TASK)).isEmpty();
        assertThat(plan.place(SHORT_TASK)).as("no worker offers a backlog").isEmpty();
    }

    @Test
    void onlyShortTasksWaitInABacklogAndOnlyOnceEverySlotIsTaken() {
        SlotPlan plan = new SlotPlan(List.of(worker("a", 1, 2), worker("b", 1, 1)), running("a", 1, 10), SHORT);
        assertThat(plan.room()).isEqualTo(4);
        assertThat(plan.place(SHORT_TASK)).as("a free slot first, even for a short task").contains("b");
        assertThat(plan.place(LONG_TASK)).as("a long task never waits in a backlog").isEmpty();
        assertThat(plan.place(SHORT_TASK)).as("the largest backlog room").contains("a");
        List<Optional<String>> rest = List.of(plan.place(SHORT_TASK), plan.place(SHORT_TASK), plan.place(SHORT_TASK));
        assertThat(rest).containsExactlyInAnyOrder(Optional.of("a"), Optional.of("b"), Optional.empty());
    }

    @Test
    void aWorkerBusyWithLongOrUnknownWorkOffersNoBacklog() {
        List<ActiveAttempt> active = new ArrayList<>(running("a", 1, 10));
        active.add(new ActiveAttempt("a", List.of(), List.of(), "lock", OptionalLong.empty()));
        active.addAll(running("b", 2, 5_000));
        SlotPlan plan = new SlotPlan(List.of(worker("a", 2, 2), worker("b", 2, 2), worker("c", 1, 2)), active, SHORT);
        assertThat(plan.room()).as("only c, whose slot is free and whose work is short").isEqualTo(3);
        assertThat(plan.place(SHORT_TASK)).contains("c");
        assertThat(plan.place(SHORT_TASK)).contains("c");
        assertThat(plan.place(SHORT_TASK)).contains("c");
        assertThat(plan.place(SHORT_TASK)).isEmpty();
    }

    @Test
    void aLongTaskPlacedInThisRoundClosesThatWorkersBacklog() {
        SlotPlan plan = new SlotPlan(List.of(worker("a", 1, 2)), List.of(), SHORT);
        assertThat(plan.place(LONG_TASK)).contains("a");
        assertThat(plan.place(SHORT_TASK)).isEmpty();
    }

    @Test
    void instantTasksFillTheWholePrefetchOtherShortTasksOnePerSlot() {
        SlotPlan noops = new SlotPlan(List.of(worker("a", 3, 30)), running("a", 3, 0), SHORT);
        assertThat(placedWhileRoom(noops, OptionalLong.of(0))).as("its prefetch of 30").isEqualTo(30);

        SlotPlan sleeps = new SlotPlan(List.of(worker("a", 3, 30)), running("a", 3, 100), SHORT);
        assertThat(placedWhileRoom(sleeps, OptionalLong.of(100))).as("one per slot").isEqualTo(3);
        assertThat(placedWhileRoom(sleeps, OptionalLong.of(0))).as("noops may still queue behind them").isEqualTo(27);
    }

    @Test
    void withPlentyReadyTasksOfAFewMillisecondsQueueWhileTheWorkersWorkStaysWithinItsBudget() {
        // 3 slots × 60 ms: 3 running 5 ms tasks leave room for 33 more of 5 ms, beyond one per slot.
        SlotPlan quick = new SlotPlan(List.of(worker("a", 3, 60)), running("a", 3, 5), SHORT);
        assertThat(placedWhileRoom(quick, OptionalLong.of(5), true)).isEqualTo(33);

        SlotPlan longer = new SlotPlan(List.of(worker("a", 3, 30)), running("a", 3, 55), SHORT);
        assertThat(placedWhileRoom(longer, OptionalLong.of(5), true))
                .as("one per slot, and then 165 + 3 × 5 ms fill the budget").isEqualTo(3);
        assertThat(placedWhileRoom(longer, OptionalLong.of(0), true)).as("instant ones up to the prefetch")
                .isEqualTo(27);

        SlotPlan notQuick = new SlotPlan(List.of(worker("a", 3, 30)), running("a", 3, 1), SHORT);
        assertThat(placedWhileRoom(notQuick, OptionalLong.of(11), true)).as("over 10 ms: one per slot").isEqualTo(3);
    }

    @Test
    void withFewReadyTasksShortOnesWaitOnePerSlotWhateverTheBudget() {
        SlotPlan scarce = new SlotPlan(List.of(worker("a", 3, 30), worker("b", 3, 30)), running("a", 3, 5), SHORT);
        assertThat(placedWhileRoom(scarce, OptionalLong.of(5), false))
                .as("b's 3 free slots, then one waiting per slot on each").isEqualTo(9);
    }

    @Test
    void plentyMeansMoreReadyThanTheFreeSlotsAndOneWaitingPerSlotCouldTake() {
        // a: 3 running, 3 places of one waiting per slot; b: 3 free slots and 3 such places; the
        // prefetch of 30 each (what instant tasks may fill) does not count.
        SlotPlan plan = new SlotPlan(List.of(worker("a", 3, 30), worker("b", 3, 30)), running("a", 3, 5), SHORT);
        assertThat(plan.plentyFor(9)).isFalse();
        assertThat(plan.plentyFor(10)).isTrue();

        SlotPlan busyWithLongWork = new SlotPlan(List.of(worker("a", 3, 30), worker("b", 3, 30)),
                running("a", 2, 5_000), SHORT);
        assertThat(busyWithLongWork.plentyFor(7)).as("a offers only its free slot, no backlog").isFalse();
        assertThat(busyWithLongWork.plentyFor(8)).isTrue();

        SlotPlan full = new SlotPlan(List.of(worker("a", 3, 30)), running("a", 6, 5), SHORT);
        assertThat(full.plentyFor(1)).as("every slot busy with one waiting").isTrue();
        assertThat(full.plentyFor(0)).isFalse();
    }

    @Test
    void withPlentyReadyTasksAHundredQuickOnesSpreadOverTheWorkersWithinTheirBudgets() {
        // Seismology's shape: 100 READY tasks of a few ms on three idle workers of 3 slots.
        SlotPlan plan = new SlotPlan(List.of(worker("a", 3, 30), worker("b", 3, 30), worker("c", 3, 30)), List.of(),
                SHORT);
        assertThat(plan.plentyFor(100)).isTrue();
        Map<String, Integer> perWorker = new HashMap<>();
        Optional<String> placed;
        while ((placed = plan.place(OptionalLong.of(7), true)).isPresent()) {
            perWorker.merge(placed.get(), 1, Integer::sum);
        }
        // 3 slots × 60 ms of 7 ms tasks: 25 each (175 ms), where one per slot would allow 6.
        assertThat(perWorker).containsOnlyKeys("a", "b", "c").containsValues(25, 25, 25);
    }

    @Test
    void aWorkerWhoseBacklogHoldsShortTasksTakesNoMoreOfThemButInstantOnes() {
        SlotPlan plan = new SlotPlan(List.of(worker("a", 2, 20)), running("a", 4, 50), SHORT);
        assertThat(plan.place(OptionalLong.of(50))).as("2 running, 2 waiting already").isEmpty();
        assertThat(plan.place(OptionalLong.of(1))).contains("a");
    }

    private static int placedWhileRoom(SlotPlan plan, OptionalLong expectedMillis) {
        return placedWhileRoom(plan, expectedMillis, false);
    }

    private static int placedWhileRoom(SlotPlan plan, OptionalLong expectedMillis, boolean plenty) {
        int placed = 0;
        while (plan.place(expectedMillis, plenty).isPresent()) {
            placed++;
        }
        return placed;
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
