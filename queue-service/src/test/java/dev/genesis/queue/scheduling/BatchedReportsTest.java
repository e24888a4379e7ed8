package dev.genesis.queue.scheduling;

import static dev.genesis.queue.support.RunApi.attempt;
import static dev.genesis.queue.support.RunApi.awaitDispatch;
import static dev.genesis.queue.support.RunApi.awaitRunState;
import static dev.genesis.queue.support.RunApi.dispatchOf;
import static dev.genesis.queue.support.RunApi.state;
import static dev.genesis.queue.support.RunApi.submit;
import static dev.genesis.queue.support.RunApi.view;
import static dev.genesis.queue.support.Specs.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genesis.common.events.GenesisEvent;
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
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A poll of worker reports is applied as one batch: its rows read and locked together, its moves
 * and dependency releases written together at the end. The batch here is handed to the same
 * transaction the consumer runs (so a failed write fails the test instead of falling back to one
 * report at a time), with reports that depend on each other's effects inside it.
 */
@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class BatchedReportsTest {

    @Inject
    TaskEventConsumer consumer;

    @BeforeEach
    void cancelLeftoverRuns() {
        RunApi.cancelLeftoverRuns();
    }

    @Test
    void oneBatchMovesEachTaskOnceInReportOrderAndReleasesAJoinWhoseDependenciesEndTogether() throws Exception {
        try (FakeWorker worker = new FakeWorker(4, d -> Reply.HOLD)) {
            UUID run = submit(aTask("a"), aTask("b"), aTask("flaky").retry(2, 10), aTask("join").dependsOn("a", "b"));
            awaitDispatch(worker, run, 3);
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Instant bStarted = at.minusMillis(7);
            apply(List.of(
                    new TaskStarted(run, "a", 1, worker.id, at.minusMillis(3)),
                    // Same row again in the same batch: written after the start, with the version the start left.
                    new TaskSucceeded(run, "a", 1, worker.id, at, "ok"),
                    new TaskSucceeded(run, "a", 1, worker.id, at, "ok"),
                    new TaskSucceeded(run, "b", 1, "runner-b", at, "ok", bStarted),
                    new TaskStarted(run, "b", 1, worker.id, at),
                    new TaskFailed(run, "flaky", 1, worker.id, at, "error", "boom", true)));

            // Both of the join's dependencies ended in this batch: one release statement counted both.
            await().atMost(RunApi.WAIT).until(() -> worker.dispatchesOf(run).size() >= 5);
            assertThat(worker.dispatchesOf(run)).extracting(d -> d.taskId() + "#" + d.attempt())
                    .containsExactlyInAnyOrder("a#1", "b#1", "flaky#1", "join#1", "flaky#2");
            JsonPath mid = view(run);
            assertThat(state(mid, "a")).isEqualTo("SUCCEEDED");
            assertThat(attempt(mid, "a")).isEqualTo(1);
            assertThat(Instant.parse(mid.getString("tasks.find { it.id == 'a' }.startedAt")))
                    .isEqualTo(at.minusMillis(3));
            assertThat(state(mid, "b")).isEqualTo("SUCCEEDED");
            // The folded start of the success counts; the start reported after it changes nothing.
            assertThat(Instant.parse(mid.getString("tasks.find { it.id == 'b' }.startedAt"))).isEqualTo(bStarted);
            assertThat(mid.getString("tasks.find { it.id == 'b' }.worker")).isEqualTo("runner-b");
            assertThat(mid.getString("state")).isEqualTo("RUNNING");

            TaskDispatched join = dispatchOf(worker, run, "join");
            TaskDispatched retry = worker.dispatchesOf(run).stream()
                    .filter(d -> d.taskId().equals("flaky") && d.attempt() == 2).findFirst().orElseThrow();
            apply(List.of(new TaskSucceeded(run, "join", 1, worker.id, Instant.now(), "ok", Instant.now()),
                    new TaskSucceeded(run, "flaky", 2, worker.id, Instant.now(), "ok", Instant.now())));
            // The run's open count went down by exactly its four tasks.
            awaitRunState(run, "SUCCEEDED");
            assertThat(join.attempt()).isEqualTo(1);
            assertThat(retry.attempt()).isEqualTo(2);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> worker.dispatchesOf(run).size() == 5);
        }
    }

    /** The consumer's transaction for one poll, without its one-by-one fallback. */
    private void apply(List<GenesisEvent> events) {
        consumer.apply(events);
    }
}
