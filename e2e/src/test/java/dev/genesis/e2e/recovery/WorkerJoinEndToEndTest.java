package dev.genesis.e2e.recovery;

import static dev.genesis.e2e.recovery.RecoveryStack.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genesis.common.events.TaskStarted;
import dev.genesis.common.events.TaskStateChanged;
import dev.genesis.common.events.TaskSucceeded;
import dev.genesis.common.kafka.Topics;
import dev.genesis.common.state.TaskState;
import dev.genesis.common.testing.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A worker process added in the middle of a run takes work within seconds: coordinator, queue,
 * dashboard and one worker (3 slots) run a wide run of independent {@code sleep} tasks; once a few
 * have finished a second worker process is started, and it must start its first task within
 * {@link #FIRST_TASK_BOUND} of reporting ready and then run a fair share of what was left, while
 * the run still succeeds with every task run exactly once.
 *
 * <p>Which worker ran a task, and when it started, come from the queue ({@code GET /api/runs/{id}}:
 * {@code worker} and {@code startedAt} are set from the worker's own {@code TaskStarted}); that no
 * task ran twice comes from the workers' reports on {@code genesis.tasks.events}.
 */
class WorkerJoinEndToEndTest {

    /**
     * 150 tasks of 400 ms on one worker's 3 slots: 20 s alone. A worker process takes 6-8 s to be
     * ready here (over 20 s on a loaded machine), in which the first worker runs 50-60 tasks; the
     * run must still have most of its work left when the new worker is up.
     */
    private static final int TASKS = 150;
    private static final long TASK_MS = 400;
    /** "A few tasks have finished" before the second worker is launched. */
    private static final int DONE_BEFORE_JOIN = 6;

    /**
     * From the new worker's {@code /q/health/ready} to its first task started. What it takes: the
     * new member's join of group {@code genesis-workers} and the old member's re-join (the
     * rebalance), the assignment, the new worker's heartbeat with its partitions, the queue's
     * next dispatch round and the record's delivery. Measured 0.7-2.5 s in five runs; most of it
     * is the first worker learning of the rebalance on its next group heartbeat (Kafka's
     * {@code heartbeat.interval.ms}, 3 s by default), so about 4 s at worst on an idle machine.
     * 10 s leaves room for load and still fails a join that waits for a session timeout (45 s) or
     * a dispatch lost in the rebalance and re-queued after {@code genesis.queue.dispatch-timeout} (15 s).
     */
    private static final Duration FIRST_TASK_BOUND = Duration.ofSeconds(10);
    /** The new worker's least share of the tasks not yet dispatched when it reported ready. */
    private static final double FAIR_SHARE = 0.20;

    private static RecoveryStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = new RecoveryStack();
        stack.start(1, true);
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void addedWorkerStartsATaskWithinSecondsAndTakesAFairShare() throws Exception {
        String firstId = RecoveryStack.workerId(stack.worker(0));
        UUID runId = null;
        try (EventTap taskEvents = EventTap.mark(Topics.TASKS_EVENTS);
                EventTap runEvents = EventTap.mark(Topics.RUNS_EVENTS)) {
            runId = RecoveryStack.submit(spec());
            UUID id = runId;
            await("a few tasks done").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> count(run(id), Set.of("SUCCEEDED")) >= DONE_BEFORE_JOIN);

            Instant launchedAt = Instant.now();
            ServiceProcess joined = stack.addWorker();
            Instant readyAt = Instant.now();
            JsonNode atReady = run(id);
            String joinedId = RecoveryStack.workerId(joined);
            int left = count(atReady, Set.of("PENDING", "READY"));
            assertThat(atReady.get("state").asText()).as("the worker joins mid-run").isEqualTo("RUNNING");
            assertThat(left).as("tasks not yet dispatched when the new worker was ready").isGreaterThanOrEqualTo(TASKS / 3);

            // The moment the new worker owns partitions of genesis.tasks.ready (its own view), and its first start.
            Instant[] partitionsAt = new Instant[1];
            await("a task started on " + joinedId).atMost(FIRST_TASK_BOUND.plusSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        if (partitionsAt[0] == null
                                && !RecoveryStack.get(joined.url() + "/api/worker").path("partitions").isEmpty()) {
                            partitionsAt[0] = Instant.now();
                        }
                        return firstStartOn(run(id), joinedId) != null;
                    });

            JsonNode finished = RecoveryStack.awaitFinished(runId, Duration.ofSeconds(120));
            Map<String, JsonNode> tasks = new HashMap<>();
            finished.get("tasks").forEach(t -> tasks.put(t.get("id").asText(), t));
            Instant firstStart = firstStartOn(finished, joinedId);
            Duration readyToFirstTask = Duration.between(readyAt, firstStart);
            long onJoined = tasks.values().stream().filter(t -> joinedId.equals(t.path("worker").asText())).count();
            double share = (double) onJoined / left;
            List<String> redispatched = tasks.values().stream().filter(t -> t.get("attempt").asInt() != 1)
                    .map(t -> t.get("id").asText() + "#" + t.get("attempt").asInt()).sorted().toList();
            System.out.printf("[scaling] worker added mid-run: launch -> ready %d ms; ready -> seen owning partitions %s; "
                    + "ready -> first task started %d ms; it ran %d of the %d tasks not yet dispatched at ready "
                    + "(share %.0f %%; the first worker ran %d of all %d); re-dispatched: %s%n",
                    Duration.between(launchedAt, readyAt).toMillis(),
                    partitionsAt[0] == null ? "not polled before the first start"
                            : "<= " + Duration.between(readyAt, partitionsAt[0]).toMillis() + " ms (polled)",
                    readyToFirstTask.toMillis(), onJoined, left, 100 * share,
                    tasks.values().stream().filter(t -> firstId.equals(t.path("worker").asText())).count(), TASKS,
                    redispatched);

            assertThat(finished.get("state").asText()).as(finished.toPrettyString()).isEqualTo("SUCCEEDED");
            assertThat(tasks).hasSize(TASKS);
            assertThat(tasks.values()).extracting(t -> t.path("worker").asText()).containsOnly(firstId, joinedId);
            assertThat(readyToFirstTask).as("new worker ready -> its first task started").isLessThanOrEqualTo(FIRST_TASK_BOUND);
            assertThat(share).as("the new worker's share of the %d tasks left at its start", left).isGreaterThanOrEqualTo(FAIR_SHARE);
            // The rebalance moves partitions under dispatches in flight: none may be lost (re-queued after the
            // dispatch timeout) or taken twice.
            assertThat(redispatched).as("tasks dispatched more than once").isEmpty();

            RunHistory history = await("terminal states on " + Topics.RUNS_EVENTS).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> RunHistory.of(taskEvents.eventsOf(id), runEvents.eventsOf(id)),
                            h -> h.terminals().keySet().containsAll(tasks.keySet()));
            SoftAssertions softly = new SoftAssertions();
            for (JsonNode task : tasks.values()) {
                String taskId = task.get("id").asText();
                int attempt = task.get("attempt").asInt();
                softly.assertThat(task.get("state").asText()).as("state of %s", taskId).isEqualTo("SUCCEEDED");
                softly.assertThat(history.terminalsOf(taskId)).as("terminal states announced for %s", taskId)
                        .extracting(TaskStateChanged::state).containsExactly(TaskState.SUCCEEDED);
                softly.assertThat(history.successesOf(taskId)).as("successful attempts of %s", taskId)
                        .extracting(TaskSucceeded::attempt, TaskSucceeded::workerId)
                        .containsExactly(tuple(attempt, task.get("worker").asText()));
                softly.assertThat(history.startsOf(taskId)).as("started attempts of %s", taskId)
                        .extracting(TaskStarted::attempt).containsExactly(attempt);
            }
            softly.assertAll();
        } finally {
            RecoveryStack.cancelIfRunning(runId);
        }
    }

    private static String spec() {
        String tasks = String.join(",\n", IntStream.rangeClosed(1, TASKS)
                .mapToObj(i -> "{\"id\": \"s%03d\", \"kind\": \"sleep\", \"params\": {\"ms\": %d}}".formatted(i, TASK_MS))
                .toList());
        return "{\"name\": \"e2e-worker-join\", \"tasks\": [\n" + tasks + "\n]}";
    }

    /** The earliest start of a task of this run on the given worker, or null when none started there. */
    private static Instant firstStartOn(JsonNode run, String workerId) {
        return StreamSupport.stream(run.get("tasks").spliterator(), false)
                .filter(t -> workerId.equals(t.path("worker").asText()) && t.hasNonNull("startedAt"))
                .map(t -> Instant.parse(t.get("startedAt").asText()))
                .min(Instant::compareTo).orElse(null);
    }

    private static int count(JsonNode run, Set<String> states) {
        return (int) StreamSupport.stream(run.get("tasks").spliterator(), false)
                .filter(t -> states.contains(t.get("state").asText())).count();
    }
}
