package dev.genesis.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genesis.common.json.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole vertical slice with every service as a real process on the real broker, database and Redis. */
class DiamondRunEndToEndTest {

    private static Stack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = new Stack();
        stack.startAll(1);
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
    void diamondRunSucceedsInDependencyOrder() throws Exception {
        String spec = """
                name: e2e-diamond
                tasks:
                  - {id: a, kind: sleep, params: {ms: 300}, resources: {writes: [src/a.txt]}}
                  - {id: b, kind: sleep, params: {ms: 300}, dependsOn: [a], resources: {writes: [src/b.txt], reads: [src/a.txt]}}
                  - {id: c, kind: shell, params: {command: [sh, -c, "echo c"]}, dependsOn: [a]}
                  - {id: d, kind: noop, dependsOn: [b, c], priority: 3}
                """;
        HttpResponse<String> created = Stack.post("http://localhost:" + Stack.QUEUE + "/api/runs", "application/yaml", spec);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).isPresent();
        String runId = Json.mapper().readTree(created.body()).get("id").asText();

        AtomicReference<JsonNode> finished = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode run = Stack.get("http://localhost:" + Stack.QUEUE + "/api/runs/" + runId);
            finished.set(run);
            return !"RUNNING".equals(run.get("state").asText());
        });
        JsonNode run = finished.get();
        assertThat(run.get("state").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");

        Map<String, JsonNode> tasks = new HashMap<>();
        run.get("tasks").forEach(t -> tasks.put(t.get("id").asText(), t));
        assertThat(tasks).containsOnlyKeys("a", "b", "c", "d");
        for (JsonNode task : tasks.values()) {
            assertThat(task.get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(task.get("attempt").asInt()).isEqualTo(1);
            assertThat(task.get("worker").asText()).isNotBlank();
        }
        assertStartsAfter(tasks, "b", "a");
        assertStartsAfter(tasks, "c", "a");
        assertStartsAfter(tasks, "d", "b");
        assertStartsAfter(tasks, "d", "c");
        // b, the dependent of a with the longer path ahead, was sent ahead behind a as a continuation
        // and started on the slot a freed: the same worker.
        assertThat(tasks.get("b").get("worker").asText()).isEqualTo(tasks.get("a").get("worker").asText());

        // The dashboard saw it too, and the coordinator's locks were given back.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                Stack.get("http://localhost:" + Stack.DASHBOARD + "/api/runs/" + runId).get("state").asText())
                .isEqualTo("SUCCEEDED"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                Stack.get("http://localhost:" + Stack.COORDINATOR + "/api/locks").toString()).doesNotContain(runId));

        // Deleted, the run is gone from the queue, and the dashboard, told by the runs topic, forgets it.
        String queueRun = "http://localhost:" + Stack.QUEUE + "/api/runs/" + runId;
        assertThat(Stack.status("DELETE", queueRun)).isEqualTo(204);
        assertThat(Stack.status("GET", queueRun)).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                Stack.status("GET", "http://localhost:" + Stack.DASHBOARD + "/api/runs/" + runId)).isEqualTo(404));
    }

    @Test
    void invalidRunIsRejectedWithAProblem() throws Exception {
        HttpResponse<String> response = Stack.post("http://localhost:" + Stack.QUEUE + "/api/runs", "application/json",
                "{\"name\":\"bad\",\"tasks\":[{\"id\":\"a\",\"kind\":\"noop\",\"dependsOn\":[\"b\"]},"
                        + "{\"id\":\"b\",\"kind\":\"noop\",\"dependsOn\":[\"a\"]}]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Json.mapper().readTree(response.body()).get("detail").asText()).isEqualTo("dependency cycle: a -> b -> a");
    }

    private static void assertStartsAfter(Map<String, JsonNode> tasks, String task, String dependency) {
        Instant started = Instant.parse(tasks.get(task).get("startedAt").asText());
        Instant depFinished = Instant.parse(tasks.get(dependency).get("finishedAt").asText());
        assertThat(started).as("%s starts after %s finished", task, dependency).isAfterOrEqualTo(depFinished);
    }
}
