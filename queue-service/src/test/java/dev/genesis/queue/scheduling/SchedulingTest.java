package dev.genesis.queue.scheduling;

import static dev.genesis.queue.support.Specs.aTask;
import static dev.genesis.queue.support.Specs.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.events.TaskFailed;
import dev.genesis.common.events.TaskHandedBack;
import dev.genesis.common.events.TaskSucceeded;
import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.queue.config.QueueConfig;
import dev.genesis.queue.support.FakeWorker;
import dev.genesis.queue.support.FakeWorker.Reply;
import dev.genesis.queue.support.Specs.TaskBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class SchedulingTest {

    private static final Duration WAIT = Duration.ofSeconds(60); // generous: the build machine is shared and often loaded

    @Inject
    QueueConfig config;

    @Test
    void diamondSucceedsWithEachTaskStartingAfterItsDependencies() throws Exception {
        try (FakeWorker worker = new FakeWorker(3, d -> Reply.SUCCEED)) {
            UUID run = submit(worker, aTask("a"), aTask("b").dependsOn("a"), aTask("c").dependsOn("a"),
                    aTask("d").dependsOn("b", "c"));
            awaitRunState(run, "SUCCEEDED");
            JsonPath view = view(run);
            assertStartsAfter(view, "b", "a");
            assertStartsAfter(view, "c", "a");
            assertStartsAfter(view, "d", "b");
            assertStartsAfter(view, "d", "c");
        }
    }

    @Test
    void aRoundsDispatchesToOneWorkerTravelAsOneRecord() throws Exception {
        try (FakeWorker worker = new FakeWorker(3, d -> d.taskId().equals("a") ? Reply.SUCCEED : Reply.HOLD)) {
            UUID run = submit(worker, aTask("a"), aTask("b").dependsOn("a"), aTask("c").dependsOn("a"),
                    aTask("d").dependsOn("a"));
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() == 4);
            // a alone, then b, c and d, released together by a's success, in one record.
            assertThat(worker.dispatchRecordsOf(run)).containsExactly(1, 3);
            // Each says when the queue will send it again unless it has heard of its start.
            assertThat(worker.dispatchesOf(run)).allSatisfy(d -> assertThat(d.startBy())
                    .isEqualTo(d.dispatchedAt().plus(config.dispatchTimeout())));
        }
    }

    @Test
    void failingTaskIsRetriedThenFailsAndOnlyItsDescendantsAreSkipped() throws Exception {
        try (FakeWorker worker = new FakeWorker(3, d -> d.kind().equals("fail") ? Reply.FAIL : Reply.SUCCEED)) {
            UUID run = submit(worker, aTask("bad").kind("fail", Map.of()).retry(2, 10),
                    aTask("child").dependsOn("bad"), aTask("grandchild").dependsOn("child"), aTask("ok"),
                    aTask("after-ok").dependsOn("ok"));
            awaitRunState(run, "FAILED");
            JsonPath view = view(run);
            assertThat(state(view, "bad")).isEqualTo("FAILED");
            assertThat(view.getInt("tasks.find { it.id == 'bad' }.attempt")).isEqualTo(2);
            assertThat(state(view, "child")).isEqualTo("SKIPPED");
            assertThat(state(view, "grandchild")).isEqualTo("SKIPPED");
            assertThat(state(view, "ok")).isEqualTo("SUCCEEDED");
            assertThat(state(view, "after-ok")).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void lateResultOfAnOlderAttemptIsIgnored() throws Exception {
        try (FakeWorker worker = new FakeWorker(1, d -> Reply.HOLD)) {
            UUID run = submit(worker, aTask("x"), aTask("y").dependsOn("x"));
            TaskDispatched first = awaitDispatch(worker, run, 1);
            worker.start(first);
            worker.send(new TaskHandedBack(run, "x", 1, worker.id, Instant.now(), "draining"));
            TaskDispatched second = awaitDispatch(worker, run, 2);
            assertThat(second.attempt()).isEqualTo(2);
            worker.send(new TaskSucceeded(run, "x", 1, worker.id, Instant.now(), "late"));
            worker.send(new TaskFailed(run, "x", 1, worker.id, Instant.now(), "error", "late", false));
            worker.start(second);
            await().atMost(WAIT).until(() -> "RUNNING".equals(state(view(run), "x")));
            assertThat(view(run).getInt("tasks.find { it.id == 'x' }.attempt")).isEqualTo(2);
            worker.succeed(second);
            worker.succeed(second);
            worker.succeed(awaitDispatch(worker, run, 3));
            awaitRunState(run, "SUCCEEDED");
        }
    }

    @Test
    void highPriorityTasksSubmittedLaterOvertakeWaitingLowOnes() throws Exception {
        try (FakeWorker worker = new FakeWorker(1, d -> Reply.HOLD)) {
            TaskBuilder[] lows = new TaskBuilder[10];
            for (int i = 0; i < lows.length; i++) {
                lows[i] = aTask("low" + i);
            }
            UUID low = submit(worker, lows);
            TaskDispatched firstLow = awaitDispatch(worker, low, 1);
            TaskBuilder[] highs = new TaskBuilder[5];
            for (int i = 0; i < highs.length; i++) {
                highs[i] = aTask("high" + i).priority(10);
            }
            UUID high = submit(worker, highs);
            worker.succeed(firstLow);
            for (int n = 2; n <= 15; n++) {
                int count = n;
                await().atMost(WAIT).until(() -> worker.dispatchesOf(low).size() + worker.dispatchesOf(high).size() >= count);
                List<TaskDispatched> all = worker.dispatched.stream()
                        .filter(d -> d.runId().equals(low) || d.runId().equals(high)).toList();
                worker.succeed(all.get(n - 1));
            }
            List<String> order = worker.dispatched.stream().filter(d -> d.runId().equals(low) || d.runId().equals(high))
                    .map(TaskDispatched::taskId).toList();
            assertThat(order.subList(1, 6)).allMatch(id -> id.startsWith("high"));
            assertThat(order.subList(6, 15)).allMatch(id -> id.startsWith("low"));
            awaitRunState(high, "SUCCEEDED");
            awaitRunState(low, "SUCCEEDED");
        }
    }

    @Test
    void amongEqualPrioritiesTheLongestExpectedRemainingPathGoesFirst() throws Exception {
        try (FakeWorker worker = new FakeWorker(1, d -> Reply.HOLD)) {
            // b → c is 150 ms long, d 120 ms, a 10 ms; by tasks alone b would go first and a second.
            UUID run = submit(worker, aTask("a").kind("sleep", Map.of("ms", 10)),
                    aTask("b").kind("sleep", Map.of("ms", 50)), aTask("c").kind("sleep", Map.of("ms", 100)).dependsOn("b"),
                    aTask("d").kind("sleep", Map.of("ms", 120)));
            for (int n = 1; n <= 4; n++) {
                int count = n;
                await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() >= count);
                worker.succeed(worker.dispatchesOf(run).get(n - 1));
            }
            awaitRunState(run, "SUCCEEDED");
            assertThat(worker.dispatchesOf(run).stream().map(TaskDispatched::taskId)).containsExactly("b", "d", "c", "a");
        }
    }

    @Test
    void shortTasksFillTheBacklogOfAWorkerBusyWithShortWorkButNeverOvertakeALongerHigherPriorityOne() throws Exception {
        try (FakeWorker worker = new FakeWorker(1, 2, d -> Reply.HOLD)) {
            TaskBuilder[] shorts = new TaskBuilder[5];
            for (int i = 0; i < shorts.length; i++) {
                shorts[i] = aTask("short" + i);
            }
            UUID quick = submit(worker, shorts);
            await().atMost(WAIT).until(() -> worker.dispatchesOf(quick).size() >= 3);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> worker.dispatchesOf(quick).size() == 3);

            UUID slow = submit(worker, aTask("long").kind("sleep", Map.of("ms", 5_000)).priority(10));
            worker.succeed(worker.dispatchesOf(quick).get(0));
            // One place is free, but in the backlog only: the long task waits for a slot, and the
            // short ones behind it in priority do not take the place meanwhile.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> worker.dispatchesOf(quick).size() == 3 && worker.dispatchesOf(slow).isEmpty());

            worker.succeed(worker.dispatchesOf(quick).get(1));
            worker.succeed(worker.dispatchesOf(quick).get(2));
            await().atMost(WAIT).until(() -> worker.dispatchesOf(slow).size() == 1);
            // The slot runs a long task now: no short task is parked behind it.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> worker.dispatchesOf(quick).size() == 3);
            worker.succeed(worker.dispatchesOf(slow).get(0));
            await().atMost(WAIT).until(() -> worker.dispatchesOf(quick).size() == 5);
            List<UUID> order = worker.dispatched.stream().map(TaskDispatched::runId)
                    .filter(r -> r.equals(quick) || r.equals(slow)).toList();
            assertThat(order).containsExactly(quick, quick, quick, slow, quick, quick);
            worker.dispatchesOf(quick).subList(3, 5).forEach(worker::succeed);
            awaitRunState(quick, "SUCCEEDED");
            awaitRunState(slow, "SUCCEEDED");
        }
    }

    @Test
    void withMoreQuickTasksReadyThanSlotsAndOneWaitingEachTheyQueueUpToTheWorkBudget() throws Exception {
        try (FakeWorker worker = new FakeWorker(2, 20, d -> Reply.HOLD)) {
            TaskBuilder[] quick = new TaskBuilder[30];
            for (int i = 0; i < quick.length; i++) {
                quick[i] = aTask("q" + i).kind("sleep", Map.of("ms", 10));
            }
            UUID run = submit(worker, quick);
            // 30 READY outnumber 2 slots and one waiting each: 2 slots × 60 ms of 10 ms tasks are 12,
            // beyond the 4 of one per slot and short of the 22 places the prefetch offers instant tasks.
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() >= 12);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> worker.dispatchesOf(run).size() == 12);

            int succeeded = 0;
            while (succeeded < quick.length) {
                int before = succeeded;
                await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() > before);
                List<TaskDispatched> dispatched = worker.dispatchesOf(run);
                for (; succeeded < dispatched.size(); succeeded++) {
                    worker.succeed(dispatched.get(succeeded));
                }
            }
            awaitRunState(run, "SUCCEEDED");
        }
    }

    @Test
    void shortTasksWithResourcesWaitInTheBacklogButNeverBesideAConflictingOne() throws Exception {
        try (FakeWorker worker = new FakeWorker(1, 1, d -> Reply.HOLD)) {
            UUID run = submit(worker, aTask("a").writes("out/1"), aTask("b").writes("out/2"),
                    aTask("c").writes("out/1"));
            // One slot and one backlog place: a runs, b waits on the worker for a's slot.
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() >= 2);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> worker.dispatchesOf(run).size() == 2);
            assertThat(worker.dispatchesOf(run)).extracting(TaskDispatched::taskId).containsExactly("a", "b");

            // c writes what a writes: it is not dispatched while a is active, even to a free place.
            worker.succeed(worker.dispatchesOf(run).get(1));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> worker.dispatchesOf(run).size() == 2);
            worker.succeed(worker.dispatchesOf(run).get(0));
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() == 3);
            worker.succeed(worker.dispatchesOf(run).get(2));
            awaitRunState(run, "SUCCEEDED");
        }
    }

    @Test
    void overlappingWritersAreNeverDispatchedTogether() throws Exception {
        try (FakeWorker worker = new FakeWorker(3, d -> Reply.HOLD)) {
            UUID run = submit(worker, aTask("folder").writes("src/"), aTask("file").writes("src/a.txt"),
                    aTask("elsewhere").writes("docs/readme.md"));
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() >= 2);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> worker.dispatchesOf(run).size() == 2);
            List<String> first = worker.dispatchesOf(run).stream().map(TaskDispatched::taskId).toList();
            assertThat(first).contains("elsewhere").containsAnyOf("folder", "file");
            worker.dispatchesOf(run).forEach(worker::succeed);
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() == 3);
            worker.succeed(worker.dispatchesOf(run).get(2));
            awaitRunState(run, "SUCCEEDED");
        }
    }

    @Test
    void readersShareAPathAndAWriterOfTheirFolderWaitsForAllOfThem() throws Exception {
        try (FakeWorker worker = new FakeWorker(4, d -> Reply.HOLD)) {
            UUID run = submit(worker,
                    aTask("reader1").set("resources", Map.of("reads", List.of("data/x.csv"))),
                    aTask("reader2").set("resources", Map.of("reads", List.of("./data//x.csv"))),
                    aTask("folderWriter").set("resources", Map.of("writes", List.of("data/"))),
                    aTask("otherWriter").set("resources", Map.of("writes", List.of("data-old/x.csv"))));
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() >= 3);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> worker.dispatchesOf(run).size() == 3);
            assertThat(worker.dispatchesOf(run)).extracting(TaskDispatched::taskId)
                    .containsExactlyInAnyOrder("reader1", "reader2", "otherWriter");

            // One reader ended: the other still holds data/x.csv, under the writer's folder.
            worker.succeed(worker.dispatchesOf(run).stream().filter(d -> d.taskId().equals("reader1")).findFirst()
                    .orElseThrow());
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> worker.dispatchesOf(run).size() == 3);
            worker.dispatchesOf(run).stream().filter(d -> !d.taskId().equals("reader1")).forEach(worker::succeed);
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() == 4);
            assertThat(worker.dispatchesOf(run).get(3).taskId()).isEqualTo("folderWriter");
            worker.succeed(worker.dispatchesOf(run).get(3));
            awaitRunState(run, "SUCCEEDED");
        }
    }

    @Test
    void cancelStopsWaitingTasksAndAsksWorkersToStopActiveOnes() throws Exception {
        try (FakeWorker worker = new FakeWorker(1, d -> Reply.HOLD)) {
            UUID run = submit(worker, aTask("a"), aTask("b").dependsOn("a"));
            TaskDispatched a = awaitDispatch(worker, run, 1);
            worker.start(a);
            await().atMost(WAIT).until(() -> "RUNNING".equals(state(view(run), "a")));
            given().post("/api/runs/" + run + "/cancel").then().statusCode(200);
            assertThat(state(view(run), "b")).isEqualTo("CANCELLED");
            await().atMost(WAIT).until(() -> worker.cancels.stream().anyMatch(c -> c.runId().equals(run)));
            worker.fail(a, "cancelled");
            awaitRunState(run, "CANCELLED");
            assertThat(state(view(run), "a")).isEqualTo("CANCELLED");
            given().post("/api/runs/" + run + "/cancel").then().statusCode(409);
        }
    }

    @Test
    void retryRunsFailedAndSkippedTasksAgain() throws Exception {
        try (FakeWorker worker = new FakeWorker(2,
                d -> d.taskId().equals("flaky") && d.attempt() == 1 ? Reply.FAIL : Reply.SUCCEED)) {
            UUID run = submit(worker, aTask("flaky"), aTask("next").dependsOn("flaky"));
            awaitRunState(run, "FAILED");
            given().post("/api/runs/" + run + "/retry").then().statusCode(200);
            awaitRunState(run, "SUCCEEDED");
            assertThat(view(run).getInt("tasks.find { it.id == 'flaky' }.attempt")).isEqualTo(2);
        }
    }

    @Test
    void attemptsOfADeadWorkerAreDispatchedAgain() throws Exception {
        try (FakeWorker worker = new FakeWorker(1, d -> Reply.HOLD)) {
            UUID run = submit(worker, aTask("x"));
            TaskDispatched first = awaitDispatch(worker, run, 1);
            worker.start(first);
            await().atMost(WAIT).until(() -> "RUNNING".equals(state(view(run), "x")));
            worker.declareDead();
            TaskDispatched second = awaitDispatch(worker, run, 2);
            assertThat(second.attempt()).isEqualTo(2);
            worker.succeed(first);
            worker.succeed(second);
            awaitRunState(run, "SUCCEEDED");
            assertThat(view(run).getInt("tasks[0].attempt")).isEqualTo(2);
        }
    }

    /** Runs left RUNNING by other tests would take this test's slots: cancel them. */
    @BeforeEach
    void cancelLeftoverRuns() {
        List<String> ids = given().get("/api/runs?state=RUNNING&size=500").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        ids.forEach(id -> given().post("/api/runs/" + id + "/cancel"));
    }

    private static UUID submit(FakeWorker worker, TaskBuilder... tasks) {
        String id = given().contentType("application/json").body(run("sched-" + UUID.randomUUID(), tasks))
                .post("/api/runs").then().statusCode(201).extract().path("id");
        UUID run = UUID.fromString(id);
        return run;
    }

    private static TaskDispatched awaitDispatch(FakeWorker worker, UUID run, int nth) {
        await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() >= nth);
        return worker.dispatchesOf(run).get(nth - 1);
    }

    private static JsonPath view(UUID run) {
        return given().get("/api/runs/" + run).then().statusCode(200).extract().jsonPath();
    }

    private static void awaitRunState(UUID run, String state) {
        await().atMost(WAIT).until(() -> state.equals(view(run).getString("state")));
    }

    private static String state(JsonPath view, String task) {
        return view.getString("tasks.find { it.id == '" + task + "' }.state");
    }

    private static void assertStartsAfter(JsonPath view, String task, String dependency) {
        Instant started = Instant.parse(view.getString("tasks.find { it.id == '" + task + "' }.startedAt"));
        Instant finished = Instant.parse(view.getString("tasks.find { it.id == '" + dependency + "' }.finishedAt"));
        assertThat(started).isAfterOrEqualTo(finished);
    }
}
