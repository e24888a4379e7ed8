package dev.genesis.queue.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.queue.store.ActiveAttempt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlotPlanTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void fillsFreeSlotsMostFreeWorkerFirst() {
        SlotPlan plan = new SlotPlan(List.of(worker("a", 3, 0), worker("b", 3, 0)), running("a", 2));
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
        SlotPlan plan = new SlotPlan(List.of(worker("a", 1, 2), worker("b", 1, 1)), running("a", 1));
        assertThat(plan.room()).isEqualTo(4);
        assertThat(plan.place(true)).as("a free slot first, even for a short task").contains("b");
        assertThat(plan.place(false)).as("a long task never waits in a backlog").isEmpty();
        assertThat(plan.place(true)).as("the largest backlog room").contains("a");
        List<Optional<String>> rest = List.of(plan.place(true), plan.place(true), plan.place(true));
        assertThat(rest).containsExactlyInAnyOrder(Optional.of("a"), Optional.of("b"), Optional.empty());
    }

    @Test
    void attemptsOfUnknownWorkersTakeNothing() {
        SlotPlan plan = new SlotPlan(List.of(worker("a", 2, 0)), running("gone", 5));
        assertThat(plan.room()).isEqualTo(2);
    }

    private static WorkerCapacity worker(String id, int slots, int prefetch) {
        return new WorkerCapacity(id, slots, prefetch, List.of(0), false, NOW);
    }

    private static List<ActiveAttempt> running(String worker, int n) {
        List<ActiveAttempt> attempts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            attempts.add(new ActiveAttempt(worker, List.of(), List.of(), "lock"));
        }
        return attempts;
    }
}
