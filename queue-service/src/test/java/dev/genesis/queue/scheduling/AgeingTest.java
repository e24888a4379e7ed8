package dev.genesis.queue.scheduling;

import static dev.genesis.queue.support.RunApi.WAIT;
import static dev.genesis.queue.support.RunApi.awaitDispatch;
import static dev.genesis.queue.support.RunApi.awaitRunState;
import static dev.genesis.queue.support.RunApi.submit;
import static dev.genesis.queue.support.RunApi.view;
import static dev.genesis.queue.support.Specs.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.spec.SpecLimits;
import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.queue.support.FakeWorker;
import dev.genesis.queue.support.FakeWorker.Reply;
import dev.genesis.queue.support.RunApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ageing, with a one-second step: a READY task's effective priority is its priority plus one per
 * step waited, capped at the maximum priority, and the dispatcher orders by it.
 */
@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
@TestProfile(AgeingTest.OneSecondSteps.class)
class AgeingTest {

    /** An ageing step short enough to watch. */
    public static class OneSecondSteps implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("genesis.queue.aging-seconds", "1");
        }
    }

    @BeforeEach
    void cancelLeftoverRuns() {
        RunApi.cancelLeftoverRuns();
    }

    @Test
    void aLowPriorityTaskThatWaitedLongEnoughOvertakesNewerHigherOnes() throws Exception {
        try (FakeWorker worker = new FakeWorker(1, d -> Reply.HOLD)) {
            UUID blockerRun = submit(aTask("blocker"));
            TaskDispatched blocker = awaitDispatch(worker, blockerRun, 1);
            worker.start(blocker); // RUNNING: a dispatch never started would be re-queued by the sweeper
            UUID oldRun = submit(aTask("old").priority(0), aTask("top").priority(SpecLimits.MAX_PRIORITY));

            await().atMost(WAIT).until(() -> effectivePriority(view(oldRun), "old") >= 3);
            JsonPath aged = view(oldRun);
            assertThat(aged.getInt("tasks.find { it.id == 'old' }.priority")).isZero();
            // "top" waited just as long, yet never goes past the maximum.
            assertThat(effectivePriority(aged, "top")).isEqualTo(SpecLimits.MAX_PRIORITY);

            // Newer: one higher than "old" was (2 > 0) but below what it gained (>= 3); one far above it.
            UUID newRun = submit(aTask("newer").priority(2), aTask("urgent").priority(1_000));
            JsonPath fresh = view(newRun);
            assertThat(effectivePriority(fresh, "newer")).isEqualTo(2);
            assertThat(effectivePriority(fresh, "urgent")).isEqualTo(1_000);

            worker.succeed(blocker);
            Set<UUID> runs = Set.of(oldRun, newRun);
            for (int n = 1; n <= 4; n++) {
                int count = n;
                await().atMost(WAIT).until(() -> dispatchesOf(worker, runs).size() >= count);
                worker.succeed(dispatchesOf(worker, runs).get(n - 1));
            }
            assertThat(dispatchesOf(worker, runs)).extracting(TaskDispatched::taskId)
                    .containsExactly("top", "urgent", "old", "newer");
            awaitRunState(oldRun, "SUCCEEDED");
            awaitRunState(newRun, "SUCCEEDED");
            // A dispatch resets the gain: a retried task starts from its own priority again.
            assertThat(effectivePriority(view(oldRun), "old")).isZero();
        }
    }

    private static List<TaskDispatched> dispatchesOf(FakeWorker worker, Set<UUID> runs) {
        return worker.dispatched.stream().filter(d -> runs.contains(d.runId())).toList();
    }

    private static int effectivePriority(JsonPath view, String task) {
        return view.getInt("tasks.find { it.id == '" + task + "' }.effectivePriority");
    }
}
