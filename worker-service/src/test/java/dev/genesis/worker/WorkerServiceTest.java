package dev.genesis.worker;

import static dev.genesis.worker.testing.DispatchBuilder.aDispatch;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.TaskCancelRequested;
import dev.genesis.common.events.TaskDispatchBatch;
import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.events.TaskFailed;
import dev.genesis.common.events.TaskHandedBack;
import dev.genesis.common.events.TaskProgressed;
import dev.genesis.common.events.TaskStarted;
import dev.genesis.common.events.TaskSucceeded;
import dev.genesis.common.events.WorkerHeartbeat;
import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.common.testing.PrometheusScrape;
import dev.genesis.worker.config.WorkerIdentity;
import dev.genesis.worker.messaging.EventPublisher;
import dev.genesis.worker.testing.QueueDouble;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker on the real broker, with the test playing the queue. */
@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class WorkerServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    WorkerIdentity identity;

    @TestHTTPResource("/q/health")
    URL health;

    @TestHTTPResource("/no/such/path")
    URL missing;

    private final QueueDouble queue = QueueDouble.get();
    private int partition;

    @BeforeEach
    void workerOwnsPartitions() {
        WorkerHeartbeat beat = await().atMost(WAIT).until(() -> queue.lastHeartbeatOf(identity.id()),
                b -> b.isPresent() && !b.get().partitions().isEmpty()).orElseThrow();
        partition = beat.partitions().get(0);
    }

    @Test
    void heartbeatReportsSlotsAndPartitions() {
        WorkerHeartbeat beat = queue.lastHeartbeatOf(identity.id()).orElseThrow();
        assertThat(beat.slots()).isEqualTo(3);
        assertThat(beat.partitions()).isNotEmpty();
        assertThat(beat.draining()).isFalse();
    }

    @Test
    void apiShowsThisWorker() {
        given().get("/api/worker").then().statusCode(200)
                .body("id", equalTo(identity.id()))
                .body("slots", equalTo(3));
    }

    @Test
    void noopSucceedsAndSaysItsStartInsideItsResult() {
        Instant dispatched = Instant.now();
        TaskDispatched d = dispatch(aDispatch("noop").build());
        TaskSucceeded done = awaitOne(d.runId(), TaskSucceeded.class);
        assertThat(done.workerId()).isEqualTo(identity.id());
        // Shorter than the start-report delay: one event, not two.
        assertThat(done.startedAt()).isNotNull().isAfterOrEqualTo(dispatched).isBeforeOrEqualTo(done.at());
        assertThat(queue.eventsOf(d.runId(), TaskStarted.class)).isEmpty();
    }

    @Test
    void aBatchRecordRunsEachOfItsDispatches() {
        UUID run = UUID.randomUUID();
        List<TaskDispatched> three = List.of(aDispatch("noop").run(run).task("a").build(),
                aDispatch("sleep").run(run).task("b").param("ms", 50).build(),
                aDispatch("fail").run(run).task("c").param("times", 1).build());
        queue.send(partition, new TaskDispatchBatch(run, three));
        List<GenesisEvent> ends = await().atMost(WAIT).until(() -> queue.eventsOf(run).stream()
                .filter(e -> e instanceof TaskSucceeded || e instanceof TaskFailed).toList(), list -> list.size() >= 3);
        assertThat(ends).hasSize(3);
        assertThat(ends).filteredOn(TaskSucceeded.class::isInstance).extracting(e -> ((TaskSucceeded) e).taskId())
                .containsExactlyInAnyOrder("a", "b");
        assertThat(ends).filteredOn(TaskFailed.class::isInstance).extracting(e -> ((TaskFailed) e).taskId())
                .containsExactly("c");
    }

    @Test
    void aContinuationStartsOnlyOnceTheAttemptItFollowsSucceededAndAfterItsResult() {
        awaitNoContinuationWaiting();
        UUID run = UUID.randomUUID();
        // As the queue sends a line: the dependency first, then what is held behind it, in one record.
        queue.send(partition, new TaskDispatchBatch(run, List.of(
                aDispatch("sleep").run(run).task("a").param("ms", 1_000).build(),
                aDispatch("noop").run(run).task("b").after("a", 1).build(),
                aDispatch("noop").run(run).task("c").after("b", 1).build())));
        // While a runs, b and c wait here, counted by the gauge.
        await().atMost(WAIT).untilAsserted(() -> assertThat(scrape().value("genesis_worker_continuations_waiting"))
                .isEqualTo(2));
        await().atMost(WAIT).until(() -> queue.eventsOf(run, TaskSucceeded.class).size() == 3);
        assertThat(scrape().value("genesis_worker_continuations_waiting")).isZero();
        List<TaskSucceeded> done = queue.eventsOf(run, TaskSucceeded.class);
        // Each result reached the queue before anything of the task that follows it.
        assertThat(done).extracting(TaskSucceeded::taskId).containsExactly("a", "b", "c");
        assertThat(done.get(1).startedAt()).isAfterOrEqualTo(done.get(0).at());
        assertThat(done.get(2).startedAt()).isAfterOrEqualTo(done.get(1).at());
        List<String> order = queue.eventsOf(run).stream().map(e -> e instanceof TaskSucceeded s ? s.taskId()
                : e instanceof TaskStarted st ? st.taskId() : "").filter(id -> !id.isEmpty()).toList();
        assertThat(order.indexOf("b")).isGreaterThan(order.indexOf("a"));
    }

    @Test
    void aContinuationIsDroppedWithTheLineBehindItWhenTheAttemptItFollowsFails() {
        UUID run = UUID.randomUUID();
        queue.send(partition, new TaskDispatchBatch(run, List.of(
                aDispatch("fail").run(run).task("a").param("times", 1).build(),
                aDispatch("noop").run(run).task("b").after("a", 1).build(),
                aDispatch("noop").run(run).task("c").after("b", 1).build())));
        awaitOne(run, TaskFailed.class);
        // The queue releases b and c when it hears of a's failure: the worker must not run them.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> queue.eventsOf(run).stream().noneMatch(e -> e instanceof TaskSucceeded
                        || e instanceof TaskStarted));
        // A continuation that arrives after its dependency succeeded runs at once.
        dispatch(aDispatch("noop").run(run).task("a").attempt(2).build());
        await().atMost(WAIT).until(() -> queue.eventsOf(run, TaskSucceeded.class).size() == 1);
        dispatch(aDispatch("noop").run(run).task("b").attempt(2).after("a", 2).build());
        await().atMost(WAIT).until(() -> queue.eventsOf(run, TaskSucceeded.class).size() == 2);
        assertThat(queue.eventsOf(run, TaskSucceeded.class)).extracting(TaskSucceeded::taskId).containsExactly("a", "b");
    }

    @Test
    void aRelayIsForwardedThroughItsPartitionOnceTheAttemptItFollowsSucceededAndDroppedWhenItFails() {
        awaitNoContinuationWaiting();
        double before = scrape().value("genesis_worker_relays_forwarded_total");
        UUID run = UUID.randomUUID();
        // Meant for the worker owning `partition` (this one, so that the test sees it arrive and run).
        queue.send(partition, new TaskDispatchBatch(run, List.of(
                aDispatch("sleep").run(run).task("a").param("ms", 300).build(),
                aDispatch("noop").run(run).task("b").after("a", 1).relayTo(partition).build(),
                aDispatch("noop").run(run).task("c").after("a", 1).relayTo(partition).build())));
        await().atMost(WAIT).untilAsserted(() -> assertThat(scrape().value("genesis_worker_continuations_waiting"))
                .isEqualTo(2));
        await().atMost(WAIT).until(() -> queue.eventsOf(run, TaskSucceeded.class).size() == 3);
        List<TaskSucceeded> done = queue.eventsOf(run, TaskSucceeded.class);
        assertThat(done.get(0).taskId()).isEqualTo("a");
        assertThat(done).extracting(TaskSucceeded::taskId).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(done.get(1).startedAt()).isAfterOrEqualTo(done.get(0).at());
        assertThat(done.get(2).startedAt()).isAfterOrEqualTo(done.get(0).at());
        assertThat(scrape().value("genesis_worker_relays_forwarded_total") - before).isEqualTo(2);

        UUID failing = UUID.randomUUID();
        queue.send(partition, new TaskDispatchBatch(failing, List.of(
                aDispatch("fail").run(failing).task("a").param("times", 1).build(),
                aDispatch("noop").run(failing).task("b").after("a", 1).relayTo(partition).build())));
        awaitOne(failing, TaskFailed.class);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> queue.eventsOf(failing).stream().noneMatch(e -> e instanceof TaskSucceeded
                        || e instanceof TaskStarted));
        assertThat(scrape().value("genesis_worker_relays_forwarded_total") - before).isEqualTo(2);
        assertThat(scrape().value("genesis_worker_continuations_waiting")).isZero();
    }

    @Test
    void aFailureShorterThanTheDelayAlsoCarriesItsStart() {
        TaskDispatched d = dispatch(aDispatch("fail").param("times", 1).build());
        TaskFailed failed = awaitOne(d.runId(), TaskFailed.class);
        assertThat(failed.startedAt()).isNotNull().isBeforeOrEqualTo(failed.at());
        assertThat(queue.eventsOf(d.runId(), TaskStarted.class)).isEmpty();
    }

    @Test
    void sleepSucceedsAfterItsTimeWhichTheDurationHistogramShows() {
        PrometheusScrape before = scrape();
        TaskDispatched d = dispatch(aDispatch("sleep").param("ms", 600).build());
        TaskSucceeded done = awaitOne(d.runId(), TaskSucceeded.class);
        // Longer than the start-report delay: the start went on its own, before the result.
        assertThat(queue.eventsOf(d.runId(), TaskStarted.class)).hasSize(1);
        TaskStarted started = queue.eventsOf(d.runId(), TaskStarted.class).get(0);
        assertThat(done.startedAt()).isNull();
        assertThat(Duration.between(started.at(), done.at())).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(queue.eventsOf(d.runId(), TaskProgressed.class)).isNotEmpty();

        PrometheusScrape after = scrape();
        String histogram = "genesis_worker_task_duration_seconds";
        assertThat(after.typeOf(histogram)).isEqualTo("histogram");
        assertThat(after.since(before, histogram + "_count")).isEqualTo(1);
        assertThat(after.since(before, histogram + "_bucket", "le", "0.5")).as("not in the <= 500 ms bucket").isZero();
        assertThat(after.since(before, histogram + "_bucket", "le", "3600.0")).isEqualTo(1);
        assertThat(after.since(before, "genesis_worker_tasks_executed_total")).isEqualTo(1);
    }

    @Test
    void failOnceFailsTheFirstAttemptAndSucceedsTheSecond() {
        UUID run = UUID.randomUUID();
        dispatch(aDispatch("fail").run(run).param("message", "boom").param("times", 1).attempt(1).build());
        TaskFailed failed = awaitOne(run, TaskFailed.class);
        assertThat(failed.attempt()).isEqualTo(1);
        assertThat(failed.error()).isEqualTo("boom");
        assertThat(failed.cause()).isEqualTo("error");
        assertThat(failed.retryable()).isTrue();

        dispatch(aDispatch("fail").run(run).param("message", "boom").param("times", 1).attempt(2).build());
        assertThat(awaitOne(run, TaskSucceeded.class).attempt()).isEqualTo(2);
    }

    @Test
    void shellEchoSucceedsWithItsOutput() {
        TaskDispatched d = dispatch(aDispatch("shell").param("command", List.of("echo", "hello")).build());
        assertThat(awaitOne(d.runId(), TaskSucceeded.class).output()).contains("hello");
    }

    @Test
    void shellSeesItsRunInTheEnvironment() {
        TaskDispatched d = dispatch(aDispatch("shell")
                .param("command", List.of("sh", "-c", "echo run=$GENESIS_RUN_ID attempt=$GENESIS_ATTEMPT")).build());
        assertThat(awaitOne(d.runId(), TaskSucceeded.class).output())
                .contains("run=" + d.runId()).contains("attempt=1");
    }

    @Test
    void shellOutputFloodIsCutAtTheLimitAndTheTaskStillSucceeds() {
        TaskDispatched d = dispatch(aDispatch("shell")
                .param("command", List.of("sh", "-c", "yes flood | head -c 3000000")).build());
        assertThat(awaitOne(d.runId(), TaskSucceeded.class).output()).contains("output truncated");
    }

    @Test
    void shellWithNonZeroExitFailsWithExitCodeAndOutput() {
        TaskDispatched d = dispatch(aDispatch("shell").param("command", List.of("sh", "-c", "echo oops; exit 3")).build());
        TaskFailed failed = awaitOne(d.runId(), TaskFailed.class);
        assertThat(failed.cause()).isEqualTo("error");
        assertThat(failed.error()).contains("exit code 3").contains("oops");
    }

    @Test
    void shellTimeoutKillsTheWholeProcessTree() throws IOException {
        Path pids = Files.createTempFile("genesis-pids", ".txt");
        String script = "echo $$ >> \"$PIDS\"; sleep 60 & echo $! >> \"$PIDS\"; sleep 61 & echo $! >> \"$PIDS\"; wait";
        TaskDispatched d = dispatch(aDispatch("shell").param("command", List.of("sh", "-c", script))
                .param("env", java.util.Map.of("PIDS", pids.toString())).timeoutMs(1500).build());

        await().atMost(WAIT).until(() -> readPids(pids).size() == 3);
        List<Long> tree = readPids(pids);
        assertThat(tree).allMatch(WorkerServiceTest::isRunning);

        TaskFailed failed = awaitOne(d.runId(), TaskFailed.class);
        assertThat(failed.cause()).isEqualTo("timeout");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(tree).noneMatch(WorkerServiceTest::isRunning));
        Files.deleteIfExists(pids);
    }

    @Test
    void httpAgainstOwnHealthSucceeds() {
        TaskDispatched d = dispatch(aDispatch("http").param("url", health.toString()).build());
        assertThat(awaitOne(d.runId(), TaskSucceeded.class).output()).startsWith("HTTP 200");
    }

    @Test
    void httpWithNotFoundFailsWithStatus() {
        TaskDispatched d = dispatch(aDispatch("http").param("url", missing.toString()).build());
        assertThat(awaitOne(d.runId(), TaskFailed.class).error()).startsWith("HTTP 404");
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicIsCountedAndTheWorkerCarriesOn() {
        PrometheusScrape before = scrape();
        String marker = "poison-" + UUID.randomUUID();
        queue.sendRaw(partition, marker, "this is not a CloudEvent " + marker);

        var letter = await().atMost(WAIT).until(
                () -> queue.deadLetters().stream().filter(r -> marker.equals(r.key())).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(letter.value()).isEqualTo("this is not a CloudEvent " + marker);
        assertThat(new String(letter.headers().lastHeader(EventPublisher.DLQ_REASON_HEADER).value(),
                StandardCharsets.UTF_8)).isNotBlank();

        TaskDispatched next = dispatch(aDispatch("noop").build());
        awaitOne(next.runId(), TaskSucceeded.class);
        assertThat(scrape().since(before, "genesis_worker_dlq_records_total")).isEqualTo(1);
    }

    @Test
    void cancelRequestStopsALongSleep() {
        TaskDispatched d = dispatch(aDispatch("sleep").param("ms", 60_000).build());
        awaitOne(d.runId(), TaskStarted.class);
        // The one long sleep holds one of the three slots (an earlier test's attempt may take a moment to free its own).
        await().atMost(WAIT).untilAsserted(() -> {
            PrometheusScrape whileRunning = scrape();
            assertThat(whileRunning.value("genesis_worker_slots")).isEqualTo(3);
            assertThat(whileRunning.value("genesis_worker_slots_busy")).isEqualTo(1);
            assertThat(whileRunning.value("genesis_worker_slots_free")).isEqualTo(2);
        });
        Instant asked = Instant.now();
        queue.send(partition, new TaskCancelRequested(d.runId(), d.taskId(), d.attempt(), identity.id(), asked));

        TaskFailed failed = awaitOne(d.runId(), TaskFailed.class);
        assertThat(failed.cause()).isEqualTo("cancelled");
        assertThat(failed.retryable()).isFalse();
        assertThat(Duration.between(asked, failed.at())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void taskWithResourcesIsHandedBackWhenTheCoordinatorIsUnreachable() {
        PrometheusScrape before = scrape();
        TaskDispatched d = dispatch(aDispatch("noop").writes("src/a.txt").build());
        TaskHandedBack back = awaitOne(d.runId(), TaskHandedBack.class);
        assertThat(back.reason()).contains("coordinator unreachable");
        assertThat(queue.eventsOf(d.runId(), TaskStarted.class)).isEmpty();

        PrometheusScrape after = scrape();
        assertThat(after.since(before, "genesis_worker_lock_wait_seconds_count", "granted", "false")).isEqualTo(1);
        assertThat(after.since(before, "genesis_worker_lock_wait_seconds_count", "granted", "true")).isZero();
        assertThat(after.since(before, "genesis_worker_handbacks_total")).isEqualTo(1);
    }

    @Test
    void aDispatchOlderThanTheMaximumAgeIsDroppedAndTheNextOneRuns() {
        // Sent 16 s ago: the queue has dispatched that task again by now (dispatch-max-age 15 s).
        TaskDispatched stale = dispatch(aDispatch("noop").dispatchedAt(Instant.now().minusSeconds(16)).build());
        assertDroppedWhileTheNextRuns(stale, dispatch(aDispatch("noop").build()));
    }

    @Test
    void aDispatchTakenWithinItsStartReportMarginOfStartByIsDroppedAndTheNextOneRuns() {
        // Sent 14.5 s ago with a 15 s timeout: the queue re-dispatches at startBy unless it hears of
        // the start first, and a start would reach it only after the start-report delay and 1 s.
        Instant now = Instant.now();
        TaskDispatched late = dispatch(aDispatch("noop").dispatchedAt(now.minusMillis(14_500))
                .startBy(now.plusMillis(500)).build());
        assertDroppedWhileTheNextRuns(late, dispatch(aDispatch("noop").startBy(Instant.now().plusSeconds(15)).build()));
    }

    /** {@code next}, sent after {@code dropped}, succeeds, and {@code dropped} leaves no event at all. */
    private void assertDroppedWhileTheNextRuns(TaskDispatched dropped, TaskDispatched next) {
        awaitOne(next.runId(), TaskSucceeded.class);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> queue.eventsOf(dropped.runId()).isEmpty());
    }

    @Test
    void aQueueWithADispatchTimeoutShorterThanTheMarginStillGetsItsDispatchesRun() {
        // A 1 s timeout: the margin shrinks to half of it, so a dispatch taken at once runs.
        Instant now = Instant.now();
        TaskDispatched d = dispatch(aDispatch("noop").dispatchedAt(now).startBy(now.plusSeconds(1)).build());
        awaitOne(d.runId(), TaskSucceeded.class);
    }

    @Test
    void unknownKindFailsWithoutRetry() {
        TaskDispatched d = dispatch(aDispatch("no-such-kind").build());
        TaskFailed failed = awaitOne(d.runId(), TaskFailed.class);
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.error()).contains("no-such-kind");
    }

    @Test
    void aKindPluggedInThroughServiceLoaderRuns() {
        TaskDispatched d = dispatch(aDispatch("test-reverse").param("text", "abc").build());
        assertThat(awaitOne(d.runId(), TaskSucceeded.class).output()).isEqualTo("cba");
    }

    /** This service's samples only: every lookup requires its service tag. */
    /**
     * The worker may have read, from the shared topic, a continuation an earlier test class left
     * behind, whose dependency it never takes: it waits, counted by the gauge these tests read,
     * until its own start-by passes (15 s at most), and is then dropped.
     */
    private static void awaitNoContinuationWaiting() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(scrape().value("genesis_worker_continuations_waiting"))
                .isZero());
    }

    private static PrometheusScrape scrape() {
        return PrometheusScrape.of(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .withLabel("service", "worker-service");
    }

    private TaskDispatched dispatch(TaskDispatched d) {
        queue.send(partition, d);
        return d;
    }

    private <T> T awaitOne(UUID runId, Class<T> type) {
        return await().atMost(WAIT).until(
                () -> queue.eventsOf(runId).stream().filter(type::isInstance).map(type::cast).toList(),
                list -> !list.isEmpty()).get(0);
    }

    private static List<Long> readPids(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::strip).filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
    }

    /** Alive and not a zombie waiting for a parent that does not reap (pid 1 here may not). */
    private static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
