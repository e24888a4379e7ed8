package dev.genesis.e2e.recovery;

import static dev.genesis.e2e.recovery.RecoveryStack.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genesis.common.events.TaskStarted;
import dev.genesis.common.events.TaskStateChanged;
import dev.genesis.common.events.TaskSucceeded;
import dev.genesis.common.kafka.Topics;
import dev.genesis.common.state.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the queue in the middle of a layered run on one worker, then a restart on the same
 * port. The queue keeps all scheduling state in PostgreSQL, so the run must carry on and finish
 * with every task run to completion exactly once.
 *
 * <p>"No task ran twice", precisely, from the workers' own reports on {@code genesis.tasks.events}:
 * <ul>
 *   <li>no attempt of a task started twice (a Kafka redelivery of a dispatch must not run it again);</li>
 *   <li>exactly one attempt of each task succeeded, and it is the task's last started attempt and
 *       the attempt the queue shows as final;</li>
 *   <li>a task may show several started attempts only if the queue re-dispatched it, and then no
 *       earlier attempt succeeded (an earlier attempt that ran to the end is a duplicate run).</li>
 * </ul>
 * The one worker stays alive throughout, so a started attempt always reports its end: with the
 * rules above, a re-dispatch of a task that had already started shows up as two successes.
 */
class QueueCrashEndToEndTest {

    private static final int LAYERS = 5;
    private static final int WIDTH = 8;
    private static final long TASK_MS = 200;

    private static RecoveryStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = new RecoveryStack();
        stack.start(1);
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void runSurvivesQueueKillWithEveryTaskRunToCompletionOnce() throws Exception {
        String workerId = RecoveryStack.workerId(stack.worker(0));
        UUID runId = null;
        try (EventTap taskEvents = EventTap.mark(Topics.TASKS_EVENTS);
                EventTap runEvents = EventTap.mark(Topics.RUNS_EVENTS)) {
            runId = RecoveryStack.submit(spec());
            UUID id = runId;

            // Mid-run: some tasks done, most still to come.
            JsonNode atKill = await("a fifth of the run done").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> run(id), r -> count(r, "SUCCEEDED") >= WIDTH);
            Instant killedAt = Instant.now();
            stack.queue().kill();
            int doneAtKill = count(atKill, "SUCCEEDED");
            assertThat(doneAtKill).as("the kill lands mid-run").isLessThan(LAYERS * WIDTH - WIDTH);

            stack.restartQueue();
            Duration killToReady = Duration.between(killedAt, Instant.now());
            JsonNode finished = RecoveryStack.awaitFinished(runId, Duration.ofSeconds(120));
            Duration killToFinished = Duration.between(killedAt, Instant.now());

            assertThat(finished.get("state").asText()).as(finished.toPrettyString()).isEqualTo("SUCCEEDED");
            Map<String, JsonNode> tasks = new HashMap<>();
            finished.get("tasks").forEach(t -> tasks.put(t.get("id").asText(), t));
            assertThat(tasks).hasSize(LAYERS * WIDTH);
            tasks.values().forEach(t -> assertThat(t.get("state").asText()).as(t.toString()).isEqualTo("SUCCEEDED"));

            RunHistory history = RunHistory.of(taskEvents.eventsOf(id), runEvents.eventsOf(id));
            List<String> redispatched = new ArrayList<>();
            List<String> unannounced = new ArrayList<>();
            SoftAssertions softly = new SoftAssertions();
            for (JsonNode task : tasks.values()) {
                String taskId = task.get("id").asText();
                int finalAttempt = task.get("attempt").asInt();
                List<Integer> started = history.startsOf(taskId).stream().map(TaskStarted::attempt).toList();
                softly.assertThat(started).as("started attempts of %s", taskId).doesNotHaveDuplicates().isNotEmpty();
                softly.assertThat(history.startsOf(taskId)).extracting(TaskStarted::workerId).containsOnly(workerId);
                softly.assertThat(history.successesOf(taskId)).as("successful attempts of %s (started %s)", taskId, started)
                        .extracting(TaskSucceeded::attempt).containsExactly(finalAttempt);
                softly.assertThat(started.stream().mapToInt(Integer::intValue).max().orElse(0))
                        .as("last started attempt of %s", taskId).isEqualTo(finalAttempt);
                // The queue announced at most one terminal state per task, never two different ones.
                softly.assertThat(history.terminalsOf(taskId)).as("terminal states announced for %s", taskId)
                        .extracting(TaskStateChanged::state).hasSizeLessThanOrEqualTo(1)
                        .allMatch(TaskState.SUCCEEDED::equals);
                if (finalAttempt > 1) {
                    redispatched.add(taskId + "#" + finalAttempt + " started " + started);
                }
                if (history.terminalsOf(taskId).isEmpty()) {
                    unannounced.add(taskId);
                }
            }
            System.out.printf("[recovery] queue kill -9 with %d/%d tasks done: restarted and ready after %d ms, "
                    + "run finished %d ms after the kill; re-dispatched: %s; terminal state never announced: %s%n",
                    doneAtKill, tasks.size(), killToReady.toMillis(), killToFinished.toMillis(), redispatched, unannounced);
            softly.assertAll();
        } finally {
            RecoveryStack.cancelIfRunning(runId);
        }
    }

    /** Layer k's task i depends on tasks i and i+1 (mod width) of layer k-1. */
    private static String spec() {
        List<String> tasks = new ArrayList<>();
        for (int layer = 0; layer < LAYERS; layer++) {
            for (int i = 0; i < WIDTH; i++) {
                String deps = layer == 0 ? "" : "\"%s\", \"%s\"".formatted(id(layer - 1, i), id(layer - 1, (i + 1) % WIDTH));
                tasks.add("{\"id\": \"%s\", \"kind\": \"sleep\", \"params\": {\"ms\": %d}, \"dependsOn\": [%s]}"
                        .formatted(id(layer, i), TASK_MS, deps));
            }
        }
        return "{\"name\": \"e2e-queue-crash\", \"tasks\": [\n" + String.join(",\n", tasks) + "\n]}";
    }

    private static String id(int layer, int i) {
        return "l" + layer + "-t" + i;
    }

    private static int count(JsonNode run, String state) {
        return (int) StreamSupport.stream(run.get("tasks").spliterator(), false)
                .filter(t -> state.equals(t.get("state").asText())).count();
    }
}
