package dev.genesis.queue.scheduling;

import static dev.genesis.queue.support.RunApi.attempt;
import static dev.genesis.queue.support.RunApi.awaitDispatch;
import static dev.genesis.queue.support.RunApi.awaitRunState;
import static dev.genesis.queue.support.RunApi.awaitTaskState;
import static dev.genesis.queue.support.RunApi.dispatchOf;
import static dev.genesis.queue.support.RunApi.state;
import static dev.genesis.queue.support.RunApi.submit;
import static dev.genesis.queue.support.RunApi.view;
import static dev.genesis.queue.support.Specs.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.events.TaskFailed;
import dev.genesis.common.events.TaskStarted;
import dev.genesis.common.events.TaskSucceeded;
import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.queue.support.FakeWorker;
import dev.genesis.queue.support.FakeWorker.Reply;
import dev.genesis.queue.support.RunApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kafka delivers at least once: the same worker report may arrive twice, and a report of an
 * attempt the queue already gave up on may arrive late. Both must change nothing. Every record
 * here goes through the real broker; all of a run's records share its partition (key = run id),
 * so a later record of the same run being applied proves the duplicates before it were consumed.
 */
@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class DuplicateDeliveryTest {

    @BeforeEach
    void cancelLeftoverRuns() {
        RunApi.cancelLeftoverRuns();
    }

    @Test
    void duplicatedStartAndSuccessReleaseTheDependentOnce() throws Exception {
        try (FakeWorker worker = new FakeWorker(3, d -> Reply.HOLD)) {
            UUID run = submit(aTask("a"), aTask("b"), aTask("join").dependsOn("a", "b"));
            awaitDispatch(worker, run, 2);
            TaskDispatched b = dispatchOf(worker, run, "b");
            worker.sendTwice(new TaskStarted(run, "a", 1, worker.id, Instant.now()));
            worker.sendTwice(new TaskSucceeded(run, "a", 1, worker.id, Instant.now(), "ok"));
            worker.start(b);
            awaitTaskState(run, "b", "RUNNING");

            // Had the second success counted as b's, the join would be READY now and the run's open count off by one.
            JsonPath afterA = view(run);
            assertThat(state(afterA, "a")).isEqualTo("SUCCEEDED");
            assertThat(attempt(afterA, "a")).isEqualTo(1);
            assertThat(state(afterA, "join")).isEqualTo("PENDING");
            assertThat(afterA.getString("state")).isEqualTo("RUNNING");
            assertThat(worker.dispatchesOf(run)).extracting(TaskDispatched::taskId).doesNotContain("join");

            worker.sendTwice(new TaskStarted(run, "b", 1, worker.id, Instant.now()));
            worker.sendTwice(new TaskSucceeded(run, "b", 1, worker.id, Instant.now(), "ok"));
            TaskDispatched join = awaitDispatch(worker, run, 3);
            assertThat(join.taskId()).isEqualTo("join");
            worker.sendTwice(new TaskStarted(run, "join", 1, worker.id, Instant.now()));
            worker.sendTwice(new TaskSucceeded(run, "join", 1, worker.id, Instant.now(), "ok"));
            awaitRunState(run, "SUCCEEDED");

            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> worker.dispatchesOf(run).size() == 3);
            JsonPath done = view(run);
            for (String task : new String[] {"a", "b", "join"}) {
                assertThat(state(done, task)).isEqualTo("SUCCEEDED");
                assertThat(attempt(done, task)).isEqualTo(1);
                assertThat(done.getString("tasks.find { it.id == '" + task + "' }.error")).isNull();
            }
        }
    }

    @Test
    void aSuccessCarryingItsStartMovesTheTaskInOneStepAndItsDuplicateChangesNothing() throws Exception {
        try (FakeWorker worker = new FakeWorker(3, d -> Reply.HOLD)) {
            UUID run = submit(aTask("quick"), aTask("failing").retry(1, 10), aTask("after").dependsOn("quick"));
            awaitDispatch(worker, run, 2);
            Instant startedAt = Instant.now().minusMillis(40).truncatedTo(ChronoUnit.MILLIS);
            // A short attempt sends no TaskStarted: its start comes inside its result.
            worker.sendTwice(new TaskSucceeded(run, "quick", 1, "runner-b", Instant.now(), "ok", startedAt));
            worker.sendTwice(new TaskFailed(run, "failing", 1, "runner-b", Instant.now(), "error", "boom", true,
                    startedAt));
            TaskDispatched after = awaitDispatch(worker, run, 3);
            assertThat(after.taskId()).isEqualTo("after");
            // A start that arrives late (it was sent, then overtaken by nothing) must not reopen the task.
            worker.send(new TaskStarted(run, "quick", 1, worker.id, Instant.now()));
            worker.start(after);
            awaitTaskState(run, "after", "RUNNING");

            JsonPath view = view(run);
            for (String task : new String[] {"quick", "failing"}) {
                String at = "tasks.find { it.id == '" + task + "' }.";
                assertThat(Instant.parse(view.getString(at + "startedAt"))).as(task).isEqualTo(startedAt);
                assertThat(view.getString(at + "worker")).as(task).isEqualTo("runner-b");
                assertThat(attempt(view, task)).isEqualTo(1);
            }
            assertThat(state(view, "quick")).isEqualTo("SUCCEEDED");
            assertThat(state(view, "failing")).isEqualTo("FAILED");
            assertThat(worker.dispatchesOf(run)).hasSize(3);
        }
    }

    @Test
    void reportsOfAnOlderAttemptAfterARetryAreIgnored() throws Exception {
        try (FakeWorker worker = new FakeWorker(1, d -> Reply.HOLD)) {
            UUID run = submit(aTask("x").retry(3, 10), aTask("y").dependsOn("x"));
            TaskDispatched first = awaitDispatch(worker, run, 1);
            worker.start(first);
            worker.fail(first, "error");
            TaskDispatched second = awaitDispatch(worker, run, 2);
            assertThat(second.taskId()).isEqualTo("x");
            assertThat(second.attempt()).isEqualTo(2);

            worker.sendTwice(new TaskStarted(run, "x", 1, worker.id, Instant.now()));
            worker.sendTwice(new TaskSucceeded(run, "x", 1, worker.id, Instant.now(), "late"));
            worker.sendTwice(new TaskFailed(run, "x", 1, worker.id, Instant.now(), "error", "late", true));
            worker.start(second);
            awaitTaskState(run, "x", "RUNNING");

            JsonPath running = view(run);
            assertThat(attempt(running, "x")).isEqualTo(2);
            assertThat(state(running, "y")).isEqualTo("PENDING");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> worker.dispatchesOf(run).size() == 2);

            worker.sendTwice(new TaskSucceeded(run, "x", 2, worker.id, Instant.now(), "ok"));
            TaskDispatched y = awaitDispatch(worker, run, 3);
            assertThat(y.taskId()).isEqualTo("y");
            assertThat(y.attempt()).isEqualTo(1);
            worker.start(y);
            worker.succeed(y);
            awaitRunState(run, "SUCCEEDED");
            JsonPath done = view(run);
            assertThat(attempt(done, "x")).isEqualTo(2);
            assertThat(state(done, "x")).isEqualTo("SUCCEEDED");
            assertThat(worker.dispatchesOf(run)).hasSize(3);
        }
    }
}
