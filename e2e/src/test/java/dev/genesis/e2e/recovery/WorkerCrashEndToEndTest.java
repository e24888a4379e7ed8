package dev.genesis.e2e.recovery;

import static dev.genesis.e2e.recovery.RecoveryStack.locks;
import static dev.genesis.e2e.recovery.RecoveryStack.run;
import static dev.genesis.e2e.recovery.RecoveryStack.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genesis.common.events.TaskStarted;
import dev.genesis.common.events.TaskStateChanged;
import dev.genesis.common.kafka.Topics;
import dev.genesis.common.state.TaskState;
import dev.genesis.common.testing.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a worker in the middle of a task that holds a write lock: the coordinator declares
 * it dead after {@code genesis.coordinator.dead-after} (5 s), frees its leases, and the queue
 * runs the task again (attempt 2) on the surviving worker; the run still succeeds once.
 */
class WorkerCrashEndToEndTest {

    /** The coordinator's default {@code genesis.coordinator.dead-after}. */
    private static final Duration DEAD_AFTER = Duration.ofSeconds(5);
    /** What re-dispatch, delivery and taking the lock again may add to the detection. */
    private static final Duration RECOVERY_SLACK = Duration.ofSeconds(2);

    private static final String SPEC = """
            {"name": "e2e-worker-crash", "tasks": [
              {"id": "hold", "kind": "sleep", "params": {"ms": 8000}, "resources": {"writes": ["src/x.txt"]}},
              {"id": "after", "kind": "noop", "dependsOn": ["hold"], "resources": {"reads": ["src/x.txt"]}}
            ]}
            """;

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
    void killedWorkersTaskRunsAgainOnTheOtherWorkerAndItsLocksAreFreed() throws Exception {
        Map<String, ServiceProcess> workers = Map.of(
                RecoveryStack.workerId(stack.worker(0)), stack.worker(0),
                RecoveryStack.workerId(stack.worker(1)), stack.worker(1));
        UUID runId = null;
        try (EventTap taskEvents = EventTap.mark(Topics.TASKS_EVENTS);
                EventTap runEvents = EventTap.mark(Topics.RUNS_EVENTS)) {
            runId = RecoveryStack.submit(SPEC);
            UUID id = runId;
            String holder1 = runId + "/hold#1";
            JsonNode first = await("hold running").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> task(run(id), "hold"), t -> "RUNNING".equals(t.get("state").asText()));
            assertThat(first.get("attempt").asInt()).isEqualTo(1);
            String victimId = first.get("worker").asText();
            assertThat(workers).as("hold runs on one of this stack's workers").containsKey(victimId);
            String survivorId = workers.keySet().stream().filter(w -> !w.equals(victimId)).findFirst().orElseThrow();
            await("the victim's lease on src/x.txt").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> leasesOf(victimId).stream().anyMatch(l -> holder1.equals(l.get("holder").asText())
                            && l.get("writes").toString().contains("src/x.txt")));

            Instant killedAt = Instant.now();
            workers.get(victimId).kill();

            JsonNode rerun = await("attempt 2 running").atMost(DEAD_AFTER.plus(RECOVERY_SLACK).plusSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> task(run(id), "hold"), t -> t.get("attempt").asInt() >= 2 && !t.path("startedAt").isNull()
                            && !t.path("startedAt").isMissingNode());
            Duration killToRerun = Duration.between(killedAt, Instant.parse(rerun.get("startedAt").asText()));
            System.out.printf("[recovery] worker kill -9 -> attempt 2 started on the other worker: %d ms%n",
                    killToRerun.toMillis());
            assertThat(rerun.get("attempt").asInt()).isEqualTo(2);
            assertThat(rerun.get("worker").asText()).isEqualTo(survivorId);
            assertThat(killToRerun).as("kill -> re-run").isLessThanOrEqualTo(DEAD_AFTER.plus(RECOVERY_SLACK));

            // The dead worker's lease was force-released (attempt 2 could not have locked src/x.txt otherwise),
            // and the survivor holds the path for attempt 2 now.
            assertThat(leasesOf(victimId)).as("leases of the dead worker").isEmpty();
            assertThat(leasesOf(survivorId)).extracting(l -> l.get("holder").asText()).contains(runId + "/hold#2");
            assertThat(RecoveryStack.coordinatorView(victimId)).hasValueSatisfying(
                    w -> assertThat(w.get("state").asText()).isEqualTo("DEAD"));

            JsonNode finished = RecoveryStack.awaitFinished(runId, Duration.ofSeconds(60));
            assertThat(finished.get("state").asText()).as(finished.toPrettyString()).isEqualTo("SUCCEEDED");
            for (JsonNode t : finished.get("tasks")) {
                assertThat(t.get("state").asText()).as(t.toString()).isEqualTo("SUCCEEDED");
            }
            assertThat(task(finished, "hold").get("attempt").asInt()).isEqualTo(2);
            assertThat(task(finished, "hold").get("worker").asText()).isEqualTo(survivorId);
            assertThat(StreamSupport.stream(locks().spliterator(), false))
                    .as("no lease of the run is left").noneMatch(l -> l.get("holder").asText().startsWith(id.toString()));

            RunHistory history = awaitHistory(taskEvents, runEvents, runId);
            assertThat(history.startsOf("hold")).extracting(TaskStarted::attempt, TaskStarted::workerId)
                    .containsExactly(tuple(1, victimId),
                            tuple(2, survivorId));
            assertThat(history.successesOf("hold")).singleElement()
                    .satisfies(s -> assertThat(s.attempt()).isEqualTo(2));
            assertThat(history.startsOf("after")).hasSize(1);
            assertThat(history.successesOf("after")).hasSize(1);
            for (String taskId : List.of("hold", "after")) {
                assertThat(history.terminalsOf(taskId)).as("terminal states announced for %s", taskId)
                        .extracting(TaskStateChanged::state).containsExactly(TaskState.SUCCEEDED);
            }
        } finally {
            RecoveryStack.cancelIfRunning(runId);
        }
    }

    private static List<JsonNode> leasesOf(String workerId) throws Exception {
        return StreamSupport.stream(locks().spliterator(), false)
                .filter(l -> workerId.equals(l.get("owner").asText())).toList();
    }

    /** The queue announces terminal states just after it commits them: read until every task has one. */
    private static RunHistory awaitHistory(EventTap taskEvents, EventTap runEvents, UUID runId) {
        return await("terminal states on " + Topics.RUNS_EVENTS).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> RunHistory.of(taskEvents.eventsOf(runId), runEvents.eventsOf(runId)),
                        h -> h.terminals().keySet().containsAll(List.of("hold", "after")));
    }
}
