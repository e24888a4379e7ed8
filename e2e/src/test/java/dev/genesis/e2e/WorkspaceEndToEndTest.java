package dev.genesis.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genesis.common.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shell tasks on the shared workspace, every service a real process: what a task changes under
 * its writes lands in the coordinator; merge-mode tasks editing one file at the same time are
 * three-way merged, and a real conflict is recorded with nothing lost.
 */
class WorkspaceEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String COORDINATOR = "http://localhost:" + Stack.COORDINATOR;
    private static final String QUEUE = "http://localhost:" + Stack.QUEUE;
    private static Stack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = new Stack();
        stack.startAll(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> Stack.get(COORDINATOR + "/api/workers").toString().contains("ALIVE"));
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shellTaskChangesLandInTheWorkspace() throws Exception {
        String dir = "e2e-" + UUID.randomUUID() + "/";
        put(dir + "input.txt", "hello\n");
        JsonNode run = runToEnd("""
                {"name": "shell-writes", "tasks": [
                  {"id": "copy", "kind": "shell",
                   "params": {"command": ["sh", "-c", "tr a-z A-Z < %1$sinput.txt > %1$sout/result.txt; echo extra > outside.txt"]},
                   "resources": {"reads": ["%1$sinput.txt"], "writes": ["%1$sout/"]}}]}
                """.formatted(dir));
        assertThat(run.get("state").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
        assertThat(get(dir + "out/result.txt")).isEqualTo("HELLO\n");
        assertThat(status(COORDINATOR + "/api/workspace/files/outside.txt")).isEqualTo(404);
    }

    @Test
    void mergeModeEditsOfDifferentLinesBothLand() throws Exception {
        String file = "e2e-" + UUID.randomUUID() + "/shared.txt";
        put(file, tenLines());
        JsonNode run = runToEnd(twoEditors(file, "line 2", "line 2 by a", "line 9", "line 9 by b", 1));
        assertThat(run.get("state").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
        Map<String, JsonNode> tasks = tasksOf(run);
        assertOverlapInTime(tasks.get("a"), tasks.get("b"));
        assertThat(get(file)).contains("line 2 by a\n", "line 9 by b\n", "line 5\n");
    }

    @Test
    void mergeModeEditsOfTheSameLineAreAConflictAndNoEditIsLost() throws Exception {
        String file = "e2e-" + UUID.randomUUID() + "/shared.txt";
        put(file, tenLines());
        JsonNode run = runToEnd(twoEditors(file, "line 5", "line 5 by a", "line 5", "line 5 by b", 1));
        Map<String, JsonNode> tasks = tasksOf(run);
        assertThat(run.get("state").asText()).isEqualTo("FAILED");
        JsonNode loser = tasks.values().stream().filter(t -> t.get("state").asText().equals("FAILED")).findFirst().orElseThrow();
        JsonNode winner = tasks.values().stream().filter(t -> t.get("state").asText().equals("SUCCEEDED")).findFirst().orElseThrow();
        assertThat(loser.get("error").asText()).contains("conflict");
        String winnerLine = "line 5 by " + winner.get("id").asText();
        String loserLine = "line 5 by " + loser.get("id").asText();
        assertThat(get(file)).contains(winnerLine + "\n").doesNotContain(loserLine);

        JsonNode conflicts = Stack.get(COORDINATOR + "/api/conflicts?runId=" + run.get("id").asText());
        assertThat(conflicts.size()).isEqualTo(1);
        JsonNode conflict = Stack.get(COORDINATOR + "/api/conflicts/" + conflicts.get(0).get("id").asText());
        assertThat(conflict.toString()).contains(loserLine).contains(winnerLine);
    }

    private static String twoEditors(String file, String fromA, String toA, String fromB, String toB, int attempts) {
        String task = """
                {"id": "%s", "kind": "shell", "retry": {"maxAttempts": %d},
                 "params": {"command": ["sh", "-c", "sleep 1; sed -i 's/^%s$/%s/' %s"]},
                 "resources": {"writes": ["%s"], "mode": "merge"}}""";
        return "{\"name\": \"merge\", \"tasks\": [" + task.formatted("a", attempts, fromA, toA, file, file) + ","
                + task.formatted("b", attempts, fromB, toB, file, file) + "]}";
    }

    private static String tenLines() {
        return IntStream.rangeClosed(1, 10).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }

    private static JsonNode runToEnd(String spec) throws Exception {
        HttpResponse<String> created = Stack.post(QUEUE + "/api/runs", "application/json", spec);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = Json.mapper().readTree(created.body()).get("id").asText();
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last.set(Stack.get(QUEUE + "/api/runs/" + id));
            return !"RUNNING".equals(last.get().get("state").asText());
        });
        return last.get();
    }

    private static Map<String, JsonNode> tasksOf(JsonNode run) {
        Map<String, JsonNode> tasks = new HashMap<>();
        run.get("tasks").forEach(t -> tasks.put(t.get("id").asText(), t));
        return tasks;
    }

    private static void assertOverlapInTime(JsonNode a, JsonNode b) {
        Instant aStart = Instant.parse(a.get("startedAt").asText());
        Instant aEnd = Instant.parse(a.get("finishedAt").asText());
        Instant bStart = Instant.parse(b.get("startedAt").asText());
        Instant bEnd = Instant.parse(b.get("finishedAt").asText());
        assertThat(aStart).as("merge-mode tasks run at the same time").isBefore(bEnd);
        assertThat(bStart).as("merge-mode tasks run at the same time").isBefore(aEnd);
    }

    private static void put(String path, String content) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(COORDINATOR + "/api/workspace/files/" + path))
                .PUT(HttpRequest.BodyPublishers.ofString(content, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(COORDINATOR + "/api/workspace/files/" + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
