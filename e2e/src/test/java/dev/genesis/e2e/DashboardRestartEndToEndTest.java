package dev.genesis.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genesis.common.json.Json;
import dev.genesis.common.testing.ServiceProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A dashboard killed with {@code kill -9} in the middle of a run and started again knows nothing
 * from memory: it must rebuild the run's true state from queue-service and follow it live to the end.
 */
class DashboardRestartEndToEndTest {

    private static final String QUEUE = "http://localhost:" + Stack.QUEUE;
    private static final String DASHBOARD = "http://localhost:" + Stack.DASHBOARD;

    /** 12 layers of 3 tasks of 1.5 s on 3 slots: about 18 s, long enough to restart the dashboard mid-run. */
    private static final int LAYERS = 12;
    private static final int WIDTH = 3;

    private static Stack stack;
    private static ServiceProcess dashboard;

    @BeforeAll
    static void startStack() throws Exception {
        stack = new Stack();
        stack.start("coordinator", "coordinator-service", Stack.COORDINATOR);
        stack.start("queue", "queue-service", Stack.QUEUE);
        dashboard = stack.start("dashboard", "dashboard-service", Stack.DASHBOARD);
        stack.start("worker-1", "worker-service", Stack.WORKER);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Stack.get("http://localhost:" + Stack.COORDINATOR + "/api/workers").toString().contains("ALIVE"));
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void restartedDashboardShowsTheTrueStateAndFollowsTheRunToTheEnd() throws Exception {
        String runId = submit(chainOfLayers(LAYERS, WIDTH, 1500));
        await().atMost(Duration.ofSeconds(30)).until(() -> tasksIn(DASHBOARD, runId).containsValue("SUCCEEDED"));

        long oldPid = dashboard.pid();
        dashboard.kill();
        assertThat(dashboard.isAlive()).isFalse();
        Map<String, String> whileDown = tasksIn(QUEUE, runId);
        ServiceProcess restarted = stack.start("dashboard", "dashboard-service", Stack.DASHBOARD);
        assertThat(restarted.pid()).isNotEqualTo(oldPid);

        // Mid-run: the new instance, which saw none of the earlier events, agrees with the queue.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Map<String, String> before = tasksIn(QUEUE, runId);
            Map<String, String> shown = tasksIn(DASHBOARD, runId);
            Map<String, String> after = tasksIn(QUEUE, runId);
            assertThat(before).as("queue unchanged while the dashboard was read").isEqualTo(after);
            assertThat(shown).isEqualTo(after);
        });
        assertThat(Stack.get(QUEUE + "/api/runs/" + runId).get("state").asText())
                .as("the comparison happened mid-run").isEqualTo("RUNNING");
        assertThat(whileDown.values()).as("the run moved on while the dashboard was down").contains("SUCCEEDED");

        // Then it follows the rest from live events to the end.
        await().atMost(Duration.ofSeconds(90)).until(() ->
                "SUCCEEDED".equals(Stack.get(DASHBOARD + "/api/runs/" + runId).get("state").asText()));
        assertThat(tasksIn(DASHBOARD, runId)).isEqualTo(tasksIn(QUEUE, runId)).hasSize(LAYERS * WIDTH)
                .allSatisfy((id, state) -> assertThat(state).isEqualTo("SUCCEEDED"));
        JsonNode figures = Stack.get(DASHBOARD + "/api/runs/" + runId).get("figures");
        assertThat(figures.get("progress").asDouble()).isEqualTo(100.0);
        assertThat(figures.get("speedUp").asDouble()).isGreaterThan(1.0);
    }

    /** Task id to state, as a service reports the run. */
    private static Map<String, String> tasksIn(String service, String runId) throws Exception {
        Map<String, String> states = new TreeMap<>();
        Stack.get(service + "/api/runs/" + runId).get("tasks")
                .forEach(t -> states.put(t.get("id").asText(), t.get("state").asText()));
        return states;
    }

    /** {@code layers} layers of {@code width} sleep tasks, each depending on the whole layer before. */
    private static String chainOfLayers(int layers, int width, int sleepMs) {
        ObjectNode spec = Json.mapper().createObjectNode().put("name", "dashboard-restart");
        var tasks = spec.putArray("tasks");
        for (int layer = 0; layer < layers; layer++) {
            for (int i = 0; i < width; i++) {
                ObjectNode task = tasks.addObject().put("id", "l" + layer + "-" + i).put("kind", "sleep");
                task.putObject("params").put("ms", sleepMs);
                var deps = task.putArray("dependsOn");
                for (int j = 0; layer > 0 && j < width; j++) {
                    deps.add("l" + (layer - 1) + "-" + j);
                }
            }
        }
        return spec.toString();
    }

    private static String submit(String spec) throws Exception {
        HttpResponse<String> created = Stack.post(QUEUE + "/api/runs", "application/json", spec);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.mapper().readTree(created.body()).get("id").asText();
    }
}
