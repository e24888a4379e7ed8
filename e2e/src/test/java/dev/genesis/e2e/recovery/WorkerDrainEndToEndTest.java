package dev.genesis.e2e.recovery;

import static dev.genesis.e2e.recovery.RecoveryStack.coordinatorView;
import static dev.genesis.e2e.recovery.RecoveryStack.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genesis.common.events.TaskStarted;
import dev.genesis.common.events.TaskStateChanged;
import dev.genesis.common.kafka.Topics;
import dev.genesis.common.state.TaskState;
import dev.genesis.common.testing.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a busy worker: it finishes what it runs, hands back what waits, says it stopped and
 * exits by itself; the run completes on the other worker and the coordinator records a clean
 * stop (STOPPED), never a death.
 */
class WorkerDrainEndToEndTest {

    private static final int TASKS = 12;
    private static final long TASK_MS = 1500;

    private static RecoveryStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = new RecoveryStack();
        stack.start(2);
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void drainedWorkerFinishesItsAttemptsExitsAndIsStoppedNotDead() throws Exception {
        ServiceProcess drained = stack.worker(1);
        String drainedId = RecoveryStack.workerId(drained);
        UUID runId = null;
        try (EventTap taskEvents = EventTap.mark(Topics.TASKS_EVENTS);
                EventTap runEvents = EventTap.mark(Topics.RUNS_EVENTS)) {
            runId = RecoveryStack.submit(spec());
            UUID id = runId;

            // Mid-run: the drained worker is busy with attempts of this run.
            Map<String, Integer> runningThere = await("attempts running on " + drainedId).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> runningOn(run(id), drainedId), m -> !m.isEmpty());
            Instant terminatedAt = Instant.now();
            drained.terminate();

            assertThat(drained.awaitExit(Duration.ofSeconds(45))).as("the drained worker exits by itself").isTrue();
            System.out.printf("[recovery] worker SIGTERM -> process exit: %d ms (%d attempt(s) running on it)%n",
                    Duration.between(terminatedAt, Instant.now()).toMillis(), runningThere.size());

            JsonNode finished = RecoveryStack.awaitFinished(runId, Duration.ofSeconds(60));
            assertThat(finished.get("state").asText()).as(finished.toPrettyString()).isEqualTo("SUCCEEDED");
            Map<String, JsonNode> tasks = new HashMap<>();
            finished.get("tasks").forEach(t -> tasks.put(t.get("id").asText(), t));
            assertThat(tasks).hasSize(TASKS);
            tasks.values().forEach(t -> assertThat(t.get("state").asText()).as(t.toString()).isEqualTo("SUCCEEDED"));
            // Draining means finishing: what ran there at SIGTERM ended there, in the same attempt.
            runningThere.forEach((taskId, attempt) -> {
                assertThat(tasks.get(taskId).get("attempt").asInt()).as("attempt of %s", taskId).isEqualTo(attempt);
                assertThat(tasks.get(taskId).get("worker").asText()).as("worker of %s", taskId).isEqualTo(drainedId);
            });

            RunHistory history = await("terminal states on " + Topics.RUNS_EVENTS).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> RunHistory.of(taskEvents.eventsOf(id), runEvents.eventsOf(id)),
                            h -> h.terminals().keySet().containsAll(tasks.keySet()));
            for (String taskId : tasks.keySet()) {
                assertThat(history.terminalsOf(taskId)).as("terminal states announced for %s", taskId)
                        .extracting(TaskStateChanged::state).containsExactly(TaskState.SUCCEEDED);
                assertThat(history.successesOf(taskId)).as("successful attempts of %s", taskId).hasSize(1);
                assertThat(history.startsOf(taskId)).as("started attempts of %s", taskId)
                        .extracting(TaskStarted::attempt).containsExactly(tasks.get(taskId).get("attempt").asInt());
            }

            // A clean stop, and it stays one past the coordinator's dead-after window (5 s).
            await("coordinator shows STOPPED").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> stateOf(drainedId), "STOPPED"::equals);
            await("STOPPED stays").during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(9))
                    .pollInterval(Duration.ofMillis(250)).until(() -> stateOf(drainedId), "STOPPED"::equals);
        } finally {
            RecoveryStack.cancelIfRunning(runId);
        }
    }

    private static String spec() {
        String tasks = String.join(",\n", IntStream.rangeClosed(1, TASKS)
                .mapToObj(i -> "{\"id\": \"s%02d\", \"kind\": \"sleep\", \"params\": {\"ms\": %d}}".formatted(i, TASK_MS))
                .toList());
        return "{\"name\": \"e2e-worker-drain\", \"tasks\": [\n" + tasks + "\n]}";
    }

    /** Task id to attempt of this run's attempts RUNNING on the given worker. */
    private static Map<String, Integer> runningOn(JsonNode run, String workerId) {
        Map<String, Integer> running = new HashMap<>();
        for (JsonNode t : run.get("tasks")) {
            if ("RUNNING".equals(t.get("state").asText()) && workerId.equals(t.path("worker").asText())) {
                running.put(t.get("id").asText(), t.get("attempt").asInt());
            }
        }
        return running;
    }

    private static String stateOf(String workerId) throws Exception {
        return coordinatorView(workerId).map(w -> w.get("state").asText()).orElse("UNKNOWN");
    }
}
