package dev.genesis.dashboard.coordinator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The locks and conflicts panels against a real coordinator-service: leases, waiting requests and
 * merge conflicts made through its REST API, as a worker makes them, show up in the dashboard's
 * JSON and live stream.
 */
@QuarkusTest
@QuarkusTestResource(value = CoordinatorProcess.class, restrictToAnnotatedClass = true)
class CoordinatorViewTest {

    private static final String FIVE_LINES = "one\ntwo\nthree\nfour\nfive\n";

    @TestHTTPResource("/api/stream")
    URI streamUri;

    private final String ns = "dash-" + UUID.randomUUID() + "/";
    private final UUID run = UUID.randomUUID();

    @Test
    void heldAndWaitingLocksShowWithTheirTasksAndGoWhenReleased() throws Exception {
        LinkedBlockingQueue<String> stream = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(streamUri).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> response.body().forEach(stream::add));
        try {
            String builder = run + "/build#1";
            Instant before = Instant.now().minusSeconds(1);
            JsonPath lease = acquire(builder, List.of(ns + "src/"), List.of(ns + "lib/a.txt"), 0);
            String editor = run + "/edit#1";
            CompletableFuture<JsonPath> waiter = CompletableFuture.supplyAsync(() ->
                    acquire(editor, List.of(ns + "src/x.java"), List.of(), 30_000));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonPath locks = given().get("/api/locks").then().statusCode(200).extract().jsonPath();
                assertThat(locks.getBoolean("reachable")).isTrue();
                String src = "held.find { it.path == '" + ns + "src/' }";
                assertThat(locks.getString(src + ".mode")).isEqualTo("write");
                assertThat(locks.getString(src + ".runId")).isEqualTo(run.toString());
                assertThat(locks.getString(src + ".taskId")).isEqualTo("build");
                assertThat(locks.getInt(src + ".attempt")).isEqualTo(1);
                assertThat(locks.getString(src + ".worker")).isEqualTo("w-dash-test");
                assertThat(Instant.parse(locks.getString(src + ".acquiredAt"))).isAfter(before);
                assertThat(locks.getString("held.find { it.path == '" + ns + "lib/a.txt' }.mode")).isEqualTo("read");
                String waiting = "waiting.find { it.holder == '" + editor + "' }";
                assertThat(locks.getString(waiting + ".taskId")).isEqualTo("edit");
                assertThat(locks.getString(waiting + ".mode")).isEqualTo("write");
                assertThat(locks.getList(waiting + ".blockedBy")).containsExactly(builder);
            });
            // The waiter appears in a delta, with the lease in its way.
            String delta = awaitLine(stream, editor);
            assertThat(delta).contains("\"kind\":\"delta\"").contains("\"locks\":{")
                    .contains("\"blockedBy\":[\"" + builder + "\"]").contains(ns + "src/");

            release(lease.getString("leaseId"));
            String granted = waiter.join().getString("leaseId");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonPath locks = given().get("/api/locks").then().extract().jsonPath();
                assertThat(locks.getString("held.find { it.path == '" + ns + "src/x.java' }.taskId")).isEqualTo("edit");
                assertThat(locks.getList("held.path", String.class)).doesNotContain(ns + "src/", ns + "lib/a.txt");
                assertThat(locks.getList("waiting.holder", String.class)).doesNotContain(editor);
            });

            release(granted);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    given().get("/api/locks").then().extract().jsonPath().getList("held.path", String.class))
                    .noneMatch(path -> path.startsWith(ns)));
        } finally {
            response.body().close();
            reader.cancel(true);
        }
    }

    @Test
    void aMergeConflictShowsWithItsDetailServedThroughTheDashboard() {
        String path = ns + "shared.txt";
        int base = commit("seed", "lock", path, null, FIVE_LINES).getInt("files[0].version");
        commit("first", "merge", path, base, FIVE_LINES.replace("three", "THREE by first"));
        JsonPath refused = commitExpecting(409, "second", "merge", path, base, FIVE_LINES.replace("three", "3 by second"));
        long id = refused.getLong("conflicts[0].conflictId");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath conflicts = given().get("/api/conflicts").then().statusCode(200).extract().jsonPath();
            String mine = "find { it.id == " + id + " }";
            assertThat(conflicts.getString(mine + ".path")).isEqualTo(path);
            assertThat(conflicts.getString(mine + ".runId")).isEqualTo(run.toString());
            assertThat(conflicts.getString(mine + ".taskId")).isEqualTo("second");
            assertThat(conflicts.getString(mine + ".kind")).isEqualTo("merge");
            assertThat(conflicts.getInt(mine + ".baseVersion")).isEqualTo(base);
            assertThat(conflicts.getString(mine + ".createdAt")).isNotNull();
            assertThat(conflicts.getString(mine + ".detailUrl")).isEqualTo("/api/conflicts/" + id);
        });

        given().get("/api/conflicts/" + id).then().statusCode(200)
                .body("path", equalTo(path))
                .body("ours", equalTo(FIVE_LINES.replace("three", "3 by second")))
                .body("theirs", equalTo(FIVE_LINES.replace("three", "THREE by first")));
        given().get("/api/conflicts/" + Long.MAX_VALUE).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString(String.valueOf(Long.MAX_VALUE)));
        given().get("/api/conflicts/not-a-number").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("id"));
    }

    // ---------- the coordinator's API, used as a worker uses it ----------

    private static String coordinator() {
        return ConfigProvider.getConfig().getValue("genesis.dashboard.coordinator-url", String.class);
    }

    private static JsonPath acquire(String holder, List<String> writes, List<String> reads, long waitMs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("owner", "w-dash-test");
        body.put("holder", holder);
        body.put("writes", writes);
        body.put("reads", reads);
        body.put("leaseMs", 60_000);
        body.put("waitMs", waitMs);
        return given().baseUri(coordinator()).contentType(ContentType.JSON).body(body)
                .post("/api/locks/acquire").then().statusCode(200).extract().jsonPath();
    }

    private static void release(String leaseId) {
        given().baseUri(coordinator()).post("/api/locks/" + leaseId + "/release").then().statusCode(204);
    }

    private JsonPath commit(String task, String mode, String path, Integer baseVersion, String text) {
        return commitExpecting(200, task, mode, path, baseVersion, text);
    }

    /** Commits one file as task {@code task} of this test's run, under a lease on it, released afterwards. */
    private JsonPath commitExpecting(int status, String task, String mode, String path, Integer baseVersion,
            String text) {
        String holder = run + "/" + task + "#1";
        JsonPath lease = acquire(holder, List.of(path), List.of(), 10_000);
        try {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("path", path);
            file.put("baseVersion", baseVersion);
            file.put("content", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("runId", run.toString());
            body.put("taskId", task);
            body.put("attempt", 1);
            body.put("holder", holder);
            body.put("leaseId", lease.getString("leaseId"));
            body.put("token", lease.getLong("token"));
            body.put("mode", mode);
            body.put("files", List.of(file));
            return given().baseUri(coordinator()).contentType(ContentType.JSON).body(body)
                    .post("/api/workspace/changesets").then().statusCode(status).extract().jsonPath();
        } finally {
            release(lease.getString("leaseId"));
        }
    }

    private static String awaitLine(LinkedBlockingQueue<String> lines, String needle) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(500, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(needle)) {
                return line;
            }
        }
        throw new AssertionError("no stream line mentioned " + needle);
    }
}
