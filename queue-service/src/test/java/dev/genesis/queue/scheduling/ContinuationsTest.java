package dev.genesis.queue.scheduling;

import static dev.genesis.queue.support.RunApi.WAIT;
import static dev.genesis.queue.support.RunApi.awaitRunState;
import static dev.genesis.queue.support.RunApi.state;
import static dev.genesis.queue.support.RunApi.submit;
import static dev.genesis.queue.support.RunApi.view;
import static dev.genesis.queue.support.Specs.aTask;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.common.testing.PrometheusScrape;
import dev.genesis.queue.support.FakeWorker;
import dev.genesis.queue.support.FakeWorker.Reply;
import dev.genesis.queue.support.RunApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Continuations with a fake worker that answers only when told: a dependent that waits on one
 * active task alone is sent ahead behind it, stays PENDING until the queue hears of the
 * dependency's success, then counts as dispatched; any other end of the dependency releases it.
 */
@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
@TestProfile(ContinuationsTest.On.class)
class ContinuationsTest {

    private static final String CONTINUATIONS = "genesis_queue_continuations_total";

    /** The other queue tests run without continuations; these hold up to two tasks behind a dispatch. */
    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("genesis.queue.continuation-depth", "2");
        }
    }

    @Inject
    CapacityView capacity;

    @BeforeEach
    void cancelLeftoverRuns() {
        RunApi.cancelLeftoverRuns();
    }

    @Test
    void aChainTravelsAheadTwoLinksDeepAndEachLinkIsDispatchedOnce() throws Exception {
        PrometheusScrape before = scrape();
        try (FakeWorker worker = new FakeWorker(1, d -> Reply.HOLD)) {
            UUID run = submit(aTask("a"), aTask("b").dependsOn("a"), aTask("c").dependsOn("b"),
                    aTask("d").dependsOn("c"));
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() == 3);
            TaskDispatched a = dispatch(worker, run, 0, "a");
            TaskDispatched b = dispatch(worker, run, 1, "b");
            TaskDispatched c = dispatch(worker, run, 2, "c");
            assertThat(a.isContinuation()).isFalse();
            assertThat(b.after()).isEqualTo(new TaskDispatched.After("a", a.attempt()));
            assertThat(c.after()).isEqualTo(new TaskDispatched.After("b", b.attempt()));
            assertThat(b.workerId()).isEqualTo(worker.id);
            // Behind their dependency, in the same record; d is beyond the depth.
            assertThat(worker.dispatchRecordsOf(run)).containsExactly(3);
            assertThat(state(view(run), "b")).isEqualTo("PENDING");
            assertThat(state(view(run), "c")).isEqualTo("PENDING");

            worker.start(a);
            worker.succeed(a);
            // The worker starts b on a's slot without waiting; its start counts, since a's success came first.
            worker.start(b);
            await().atMost(WAIT).until(() -> "RUNNING".equals(state(view(run), "b")));
            // b's promotion grew the line at its end: d behind c.
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() == 4);
            TaskDispatched d = dispatch(worker, run, 3, "d");
            assertThat(d.after()).isEqualTo(new TaskDispatched.After("c", c.attempt()));
            assertThat(state(view(run), "c")).isEqualTo("PENDING");

            // b and c end and d starts in one go, as a worker reports a fast line.
            worker.succeed(b);
            worker.start(c);
            worker.succeed(c);
            worker.start(d);
            await().atMost(WAIT).until(() -> "RUNNING".equals(state(view(run), "d")));
            worker.succeed(d);
            awaitRunState(run, "SUCCEEDED");
            JsonPath view = view(run);
            for (String task : new String[] {"a", "b", "c", "d"}) {
                assertThat(view.getInt("tasks.find { it.id == '" + task + "' }.attempt")).isEqualTo(1);
            }
            assertThat(worker.dispatchesOf(run)).hasSize(4);
            PrometheusScrape after = scrape();
            assertThat(after.since(before, CONTINUATIONS, "outcome", "held")).isEqualTo(3);
            assertThat(after.since(before, CONTINUATIONS, "outcome", "promoted")).isEqualTo(3);
            assertThat(after.since(before, CONTINUATIONS, "outcome", "released")).isZero();
        }
    }

    @Test
    void aJoinIsSentAheadToItsLastRunningDependencyOnceTheOthersSucceeded() throws Exception {
        try (FakeWorker worker = new FakeWorker(2, d -> Reply.HOLD)) {
            UUID run = submit(aTask("a"), aTask("b"), aTask("j").dependsOn("a", "b"));
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() == 2);
            TaskDispatched first = worker.dispatchesOf(run).get(0);
            TaskDispatched second = worker.dispatchesOf(run).get(1);
            // Waiting on two running tasks, the join is held on neither.
            assertThat(worker.dispatchesOf(run)).noneMatch(TaskDispatched::isContinuation);
            worker.start(first);
            worker.start(second);
            worker.succeed(first);
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() == 3);
            TaskDispatched j = dispatch(worker, run, 2, "j");
            assertThat(j.after()).isEqualTo(new TaskDispatched.After(second.taskId(), second.attempt()));
            assertThat(state(view(run), "j")).isEqualTo("PENDING");
            worker.succeed(second);
            worker.start(j);
            await().atMost(WAIT).until(() -> "RUNNING".equals(state(view(run), "j")));
            worker.succeed(j);
            awaitRunState(run, "SUCCEEDED");
            assertThat(worker.dispatchesOf(run)).hasSize(3);
        }
    }

    @Test
    void aLineHoldsMoreThanOneTaskOnlyWhileTheyAreKnownToBeShort() throws Exception {
        try (FakeWorker worker = new FakeWorker(1, d -> Reply.HOLD)) {
            // b is longer than the prefetch bound (250 ms): it may follow a, but nothing may queue behind it.
            UUID run = submit(aTask("a").kind("sleep", Map.of("ms", 10)),
                    aTask("b").kind("sleep", Map.of("ms", 300)).dependsOn("a"),
                    aTask("c").kind("sleep", Map.of("ms", 10)).dependsOn("b"));
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() == 2);
            dispatch(worker, run, 0, "a");
            assertThat(dispatch(worker, run, 1, "b").isContinuation()).isTrue();
            // Everything a dispatch holds travels in its record: c was not held.
            assertThat(worker.dispatchRecordsOf(run)).containsExactly(2);
            assertThat(view(run).getString("tasks.find { it.id == 'c' }.worker")).isNull();
        }
    }

    @Test
    void aFailedDependencyReleasesTheLineBehindItAndItsRetryCarriesItAgain() throws Exception {
        PrometheusScrape before = scrape();
        try (FakeWorker worker = new FakeWorker(1, d -> Reply.HOLD)) {
            UUID run = submit(aTask("a").retry(2, 10), aTask("b").dependsOn("a"), aTask("c").dependsOn("b"));
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() == 3);
            TaskDispatched a1 = dispatch(worker, run, 0, "a");
            TaskDispatched b1 = dispatch(worker, run, 1, "b");
            TaskDispatched c1 = dispatch(worker, run, 2, "c");
            worker.start(a1);
            worker.fail(a1, "error");
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() == 6);
            TaskDispatched a2 = dispatch(worker, run, 3, "a");
            TaskDispatched b2 = dispatch(worker, run, 4, "b");
            TaskDispatched c2 = dispatch(worker, run, 5, "c");
            assertThat(a2.attempt()).isEqualTo(2);
            assertThat(b2.after()).isEqualTo(new TaskDispatched.After("a", 2));
            assertThat(c2.after()).isEqualTo(new TaskDispatched.After("b", b2.attempt()));
            assertThat(b2.attempt()).isGreaterThan(b1.attempt());
            assertThat(c2.attempt()).isGreaterThan(c1.attempt());
            // Copies sent behind a's failed attempt are never counted.
            startAndSucceed(worker, b1, a2, b2, c2);
            awaitRunState(run, "SUCCEEDED");
            assertThat(view(run).getInt("tasks.find { it.id == 'b' }.attempt")).isEqualTo(b2.attempt());
            assertThat(view(run).getInt("tasks.find { it.id == 'c' }.attempt")).isEqualTo(c2.attempt());
            PrometheusScrape after = scrape();
            assertThat(after.since(before, CONTINUATIONS, "outcome", "released")).isEqualTo(2);
            assertThat(after.since(before, CONTINUATIONS, "outcome", "held")).isEqualTo(4);
            assertThat(after.since(before, CONTINUATIONS, "outcome", "promoted")).isEqualTo(2);
        }
    }

    @Test
    void aDeadWorkersLineIsReleasedAndSentAgainBehindTheNextAttempt() throws Exception {
        try (FakeWorker worker = new FakeWorker(1, d -> Reply.HOLD)) {
            UUID run = submit(aTask("a"), aTask("b").dependsOn("a"));
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() == 2);
            TaskDispatched a1 = dispatch(worker, run, 0, "a");
            TaskDispatched b1 = dispatch(worker, run, 1, "b");
            worker.start(a1);
            await().atMost(WAIT).until(() -> "RUNNING".equals(state(view(run), "a")));
            worker.declareDead();
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() == 4);
            TaskDispatched a2 = dispatch(worker, run, 2, "a");
            TaskDispatched b2 = dispatch(worker, run, 3, "b");
            assertThat(a2.attempt()).isEqualTo(2);
            assertThat(b2.after()).isEqualTo(new TaskDispatched.After("a", 2));
            // What the dead worker still reports is late: it moves nothing, b's first copy included.
            worker.succeed(a1);
            startAndSucceed(worker, b1, a2, b2);
            awaitRunState(run, "SUCCEEDED");
            assertThat(view(run).getInt("tasks.find { it.id == 'a' }.attempt")).isEqualTo(2);
            assertThat(view(run).getInt("tasks.find { it.id == 'b' }.attempt")).isEqualTo(b2.attempt());
        }
    }

    @Test
    void aCancelReachesAContinuationWaitingOnItsWorker() throws Exception {
        try (FakeWorker worker = new FakeWorker(1, d -> Reply.HOLD)) {
            UUID run = submit(aTask("a"), aTask("b").dependsOn("a"));
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() == 2);
            TaskDispatched a = worker.dispatchesOf(run).get(0);
            TaskDispatched b = worker.dispatchesOf(run).get(1);
            worker.start(a);
            await().atMost(WAIT).until(() -> "RUNNING".equals(state(view(run), "a")));
            given().post("/api/runs/" + run + "/cancel").then().statusCode(200);
            await().atMost(WAIT).until(() -> worker.cancels.stream().filter(c -> c.runId().equals(run)).count() == 2);
            assertThat(worker.cancels.stream().filter(c -> c.runId().equals(run)))
                    .anySatisfy(c -> assertThat(c.taskId() + "#" + c.attempt()).isEqualTo("a#" + a.attempt()))
                    .anySatisfy(c -> assertThat(c.taskId() + "#" + c.attempt()).isEqualTo("b#" + b.attempt()));
            assertThat(state(view(run), "b")).isEqualTo("CANCELLED");
            // a succeeded before the cancel reached it: b stays cancelled, and its start is ignored.
            worker.succeed(a);
            worker.start(b);
            awaitRunState(run, "CANCELLED");
            assertThat(state(view(run), "b")).isEqualTo("CANCELLED");
        }
    }

    @Test
    void noContinuationOvertakesAHigherPriorityTaskLeftWaiting() throws Exception {
        try (FakeWorker worker = new FakeWorker(1, d -> Reply.HOLD)) {
            UUID blockerRun = submit(aTask("blocker"));
            await().atMost(WAIT).until(() -> worker.dispatchesOf(blockerRun).size() == 1);
            TaskDispatched blocker = worker.dispatchesOf(blockerRun).get(0);
            worker.start(blocker);
            UUID run = submit(aTask("a").priority(5), aTask("b").priority(0).dependsOn("a"), aTask("z").priority(5));
            await().atMost(WAIT).until(() -> "READY".equals(state(view(run), "z")));
            worker.succeed(blocker);
            // One slot: a goes, z (priority 5) is left waiting, so b (priority 0) is not sent ahead.
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() >= 1);
            TaskDispatched first = worker.dispatchesOf(run).get(0);
            worker.start(first);
            worker.succeed(first);
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() >= 2);
            TaskDispatched second = worker.dispatchesOf(run).get(1);
            assertThat(first.taskId() + "," + second.taskId()).isIn("a,z", "z,a");
            assertThat(worker.dispatchesOf(run)).noneMatch(TaskDispatched::isContinuation);
            worker.start(second);
            worker.succeed(second);
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() >= 3);
            TaskDispatched third = worker.dispatchesOf(run).get(2);
            assertThat(third.taskId()).isEqualTo("b");
            worker.start(third);
            worker.succeed(third);
            awaitRunState(run, "SUCCEEDED");
        }
    }

    @Test
    void aFanOutsOtherDependentIsRelayedToAnotherWorkerAndDispatchedOnTheSourcesSuccess() throws Exception {
        PrometheusScrape before = scrape();
        try (FakeWorker one = new FakeWorker(1, d -> Reply.HOLD); FakeWorker two = new FakeWorker(1, d -> Reply.HOLD)) {
            awaitKnown(one, two);
            UUID run = submit(aTask("a"), aTask("b").dependsOn("a"), aTask("c").dependsOn("a"));
            await().atMost(WAIT).until(() -> one.dispatchesOf(run).size() + two.dispatchesOf(run).size() == 3);
            FakeWorker source = one.dispatchesOf(run).size() == 2 ? one : two;
            FakeWorker other = source == one ? two : one;
            TaskDispatched a = dispatch(source, run, 0, "a");
            TaskDispatched line = source.dispatchesOf(run).get(1);
            TaskDispatched relay = other.dispatchesOf(run).get(0);
            // One in line on a's slot; the other for the worker with a free slot, sent to a's worker
            // to forward: in a's record, naming a partition of its own worker.
            assertThat(line.after()).isEqualTo(new TaskDispatched.After("a", a.attempt()));
            assertThat(line.isRelay()).isFalse();
            assertThat(relay.taskId()).isNotEqualTo(line.taskId());
            assertThat(relay.after()).isEqualTo(new TaskDispatched.After("a", a.attempt()));
            assertThat(relay.isRelay()).isTrue();
            assertThat(relay.workerId()).isEqualTo(other.id);
            assertThat(source.dispatchRecordsOf(run)).containsExactly(3);
            assertThat(state(view(run), relay.taskId())).isEqualTo("PENDING");

            startAndSucceed(source, a);
            // Both move to DISPATCHED on a's success, each on its own worker, with no dispatch of their own.
            await().atMost(WAIT).until(() -> "DISPATCHED".equals(state(view(run), relay.taskId())));
            assertThat(view(run).getString("tasks.find { it.id == '" + relay.taskId() + "' }.worker"))
                    .isEqualTo(other.id);
            TaskDispatched forwarded = relay.rebased(java.time.Instant.now());
            startAndSucceed(other, forwarded);
            startAndSucceed(source, line);
            awaitRunState(run, "SUCCEEDED");
            assertThat(one.dispatchesOf(run).size() + two.dispatchesOf(run).size()).isEqualTo(3);
            assertThat(view(run).getInt("tasks.find { it.id == '" + relay.taskId() + "' }.attempt")).isEqualTo(1);
            PrometheusScrape after = scrape();
            assertThat(after.since(before, CONTINUATIONS, "outcome", "relayed")).isEqualTo(1);
            assertThat(after.since(before, CONTINUATIONS, "outcome", "promoted")).isEqualTo(2);
        }
    }

    @Test
    void aFailedSourceReleasesItsRelaysAndACancelReachesTheirHolderAndTheirWorker() throws Exception {
        try (FakeWorker one = new FakeWorker(1, d -> Reply.HOLD); FakeWorker two = new FakeWorker(1, d -> Reply.HOLD)) {
            awaitKnown(one, two);
            UUID run = submit(aTask("a").retry(2, 3_000), aTask("b").dependsOn("a"), aTask("c").dependsOn("a"));
            await().atMost(WAIT).until(() -> one.dispatchesOf(run).size() + two.dispatchesOf(run).size() == 3);
            FakeWorker source = one.dispatchesOf(run).size() == 2 ? one : two;
            FakeWorker other = source == one ? two : one;
            TaskDispatched a = dispatch(source, run, 0, "a");
            TaskDispatched relay = other.dispatchesOf(run).get(0);
            source.start(a);
            source.fail(a, "error");
            // Released: waiting for a's next attempt, sent to no worker.
            await().atMost(WAIT).until(() -> view(run).getString(
                    "tasks.find { it.id == '" + relay.taskId() + "' }.worker") == null);
            assertThat(state(view(run), relay.taskId())).isEqualTo("PENDING");

            // a's retry carries both again; a cancel then goes to a's worker, which holds the relay,
            // and to the relay's own worker, in case it was forwarded already.
            await().atMost(WAIT).until(() -> one.dispatchesOf(run).size() + two.dispatchesOf(run).size() == 6);
            FakeWorker holder = one.dispatchesOf(run).stream().anyMatch(d -> d.taskId().equals("a")
                    && d.attempt() == a.attempt() + 1) ? one : two;
            FakeWorker meant = holder == one ? two : one;
            TaskDispatched relayAgain = meant.dispatchesOf(run).stream().filter(TaskDispatched::isRelay)
                    .reduce((first, last) -> last).orElseThrow();
            assertThat(relayAgain.after()).isEqualTo(new TaskDispatched.After("a", a.attempt() + 1));
            given().post("/api/runs/" + run + "/cancel").then().statusCode(200);
            await().atMost(WAIT).until(() -> meant.cancels.stream().anyMatch(c -> c.runId().equals(run)
                    && c.taskId().equals(relayAgain.taskId())));
            assertThat(holder.cancels).anySatisfy(c -> assertThat(c.taskId() + "#" + c.attempt())
                    .isEqualTo(relayAgain.taskId() + "#" + relayAgain.attempt()));
            assertThat(state(view(run), relayAgain.taskId())).isEqualTo("CANCELLED");
        }
    }

    /** Until the queue has the heartbeats of all of them: a relay goes only to a worker it knows. */
    private void awaitKnown(FakeWorker... workers) {
        await().atMost(WAIT).until(() -> capacity.accepting(java.time.Instant.now()).stream()
                .map(WorkerCapacity::workerId).toList().containsAll(java.util.Arrays.stream(workers)
                        .map(w -> w.id).toList()));
    }

    private static TaskDispatched dispatch(FakeWorker worker, UUID run, int index, String task) {
        TaskDispatched d = worker.dispatchesOf(run).get(index);
        assertThat(d.taskId()).isEqualTo(task);
        return d;
    }

    /** This service's samples only. */
    private static PrometheusScrape scrape() {
        return PrometheusScrape.of(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .withLabel("service", "queue-service");
    }

    /** Reports each dispatch started and succeeded, in order, as a worker running them one after another would. */
    private static void startAndSucceed(FakeWorker worker, TaskDispatched... dispatches) {
        for (TaskDispatched d : dispatches) {
            worker.start(d);
            worker.succeed(d);
        }
    }
}
