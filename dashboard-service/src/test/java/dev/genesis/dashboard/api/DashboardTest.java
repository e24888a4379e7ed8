package dev.genesis.dashboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.genesis.common.events.RunStateChanged;
import dev.genesis.common.events.RunSubmitted;
import dev.genesis.common.events.TaskProgressed;
import dev.genesis.common.events.TaskStarted;
import dev.genesis.common.events.TaskStateBatch;
import dev.genesis.common.events.TaskStateChanged;
import dev.genesis.common.events.TaskSucceeded;
import dev.genesis.common.events.WorkerHeartbeat;
import dev.genesis.common.kafka.Topics;
import dev.genesis.common.state.RunState;
import dev.genesis.common.state.TaskState;
import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.common.testing.PrometheusScrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard against the real broker: events published like the other services publish them
 * must show up in the JSON API, the live stream and the metrics. Queue-service is not running,
 * so every run here is known from events alone. Ids are random so that records other modules'
 * tests left on the shared topics do not matter.
 */
@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class DashboardTest {

    private static volatile boolean consumersReady;

    @TestHTTPResource("/api/stream")
    URI streamUri;

    private KafkaEvents kafka;
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(10);

    @BeforeEach
    void connect() {
        kafka = new KafkaEvents(bootstrapServers());
        awaitConsumersAssigned();
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void runShowsTaskStatesWorkersAndSpeedUp() {
        UUID run = UUID.randomUUID();
        kafka.publish(Topics.RUNS_EVENTS, new RunSubmitted(run, "it-build", 3, t0));
        for (String task : List.of("a", "b")) {
            kafka.publish(Topics.RUNS_EVENTS, new TaskStateChanged(run, task, TaskState.DISPATCHED, 1, "w-it", t0, null));
            kafka.publish(Topics.TASKS_EVENTS, new TaskStarted(run, task, 1, "w-it", t0),
                    new TaskSucceeded(run, task, 1, "w-it", t0.plusSeconds(2), "ok"));
        }
        kafka.publish(Topics.TASKS_EVENTS, new TaskStarted(run, "c", 1, "w-other", t0.plusSeconds(2)),
                new TaskSucceeded(run, "c", 1, "w-other", t0.plusSeconds(3), "ok"));
        kafka.publish(Topics.RUNS_EVENTS, new RunStateChanged(run, "it-build", RunState.SUCCEEDED, t0.plusSeconds(3)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath body = given().get("/api/runs/" + run).then().statusCode(200).extract().jsonPath();
            assertThat(body.getString("state")).isEqualTo("SUCCEEDED");
            assertThat(body.getString("name")).isEqualTo("it-build");
            assertThat(body.getList("tasks.state")).containsOnly("SUCCEEDED").hasSize(3);
            assertThat(body.getString("tasks.find { it.id == 'c' }.worker")).isEqualTo("w-other");
            assertThat(body.getInt("tasks.find { it.id == 'a' }.progress")).isEqualTo(100);
            assertThat(body.getLong("tasks.find { it.id == 'c' }.durationMs")).isEqualTo(1000);
            // 2 s + 2 s + 1 s of work in a 3 s makespan.
            assertThat(body.getDouble("figures.speedUp")).isEqualTo(1.67);
            assertThat(body.getDouble("figures.progress")).isEqualTo(100.0);
            assertThat(body.getInt("figures.counts.SUCCEEDED")).isEqualTo(3);
        });
        given().get("/api/runs").then().statusCode(200).body("id", hasItem(run.toString()));
        PrometheusScrape metrics = scrape();
        assertThat(metrics.value("genesis_dashboard_events_consumed_total", "type", "dev.genesis.task.succeeded"))
                .isGreaterThanOrEqualTo(3);
        assertThat(metrics.has("genesis_dashboard_sse_clients")).isTrue();
        assertThat(metrics.typeOf("genesis_dashboard_update_lag_seconds")).isEqualTo("histogram");
        assertThat(lagCount()).as("batches whose lag was measured").isPositive();
    }

    @Test
    void aBatchOfStateChangesMovesEachOfItsTasks() {
        UUID run = UUID.randomUUID();
        kafka.publish(Topics.RUNS_EVENTS, new RunSubmitted(run, "it-batch", 3, t0));
        kafka.publish(Topics.RUNS_EVENTS, new TaskStateBatch(run, List.of(
                new TaskStateChanged(run, "a", TaskState.DISPATCHED, 1, "w-batch", t0, null),
                new TaskStateChanged(run, "b", TaskState.READY, 0, null, t0, null),
                new TaskStateChanged(run, "c", TaskState.SKIPPED, 0, null, t0, null),
                new TaskStateChanged(run, "b", TaskState.DISPATCHED, 1, "w-batch", t0.plusMillis(5), null))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath body = given().get("/api/runs/" + run).then().statusCode(200).extract().jsonPath();
            assertThat(body.getString("tasks.find { it.id == 'a' }.state")).isEqualTo("DISPATCHED");
            assertThat(body.getString("tasks.find { it.id == 'b' }.state")).as("the later change of b wins")
                    .isEqualTo("DISPATCHED");
            assertThat(body.getString("tasks.find { it.id == 'b' }.worker")).isEqualTo("w-batch");
            assertThat(body.getString("tasks.find { it.id == 'c' }.state")).isEqualTo("SKIPPED");
        });
        assertThat(scrape().value("genesis_dashboard_events_consumed_total", "type",
                "dev.genesis.task.state-changed-batch")).isGreaterThanOrEqualTo(1);
    }

    private static double lagCount() {
        return scrape().value("genesis_dashboard_update_lag_seconds_count");
    }

    /** The dashboard's own samples on /q/metrics: every lookup requires its service tag. */
    private static PrometheusScrape scrape() {
        return PrometheusScrape.of(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .withLabel("service", "dashboard-service");
    }

    @Test
    void runningTaskShowsItsProgress() {
        UUID run = UUID.randomUUID();
        kafka.publish(Topics.RUNS_EVENTS, new RunSubmitted(run, "it-progress", 2, t0));
        kafka.publish(Topics.TASKS_EVENTS, new TaskStarted(run, "slow", 1, "w-it", t0),
                new TaskProgressed(run, "slow", 1, "w-it", 40, "copying", t0.plusSeconds(1)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath body = given().get("/api/runs/" + run).then().statusCode(200).extract().jsonPath();
            assertThat(body.getString("tasks[0].state")).isEqualTo("RUNNING");
            // Read as an object: before the progress event is applied it is null, and getInt would throw
            // an NPE, which untilAsserted does not retry.
            assertThat(body.<Object>get("tasks[0].progress")).isEqualTo(40);
            assertThat(body.getString("tasks[0].message")).isEqualTo("copying");
            // One of two tasks 40 % done.
            assertThat(body.getDouble("figures.progress")).isEqualTo(20.0);
        });
    }

    @Test
    void workersShowTheirHeartbeat() {
        String worker = "w-" + UUID.randomUUID();
        UUID run = UUID.randomUUID();
        kafka.publish(Topics.WORKERS_HEARTBEATS, new WorkerHeartbeat(worker, "box-1", "http://box-1:8083", 4, 1,
                List.of(3), List.of(new WorkerHeartbeat.RunningTask(run, "t1", 1, 10, t0)), false, Instant.now()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath body = given().get("/api/workers").then().statusCode(200).extract().jsonPath();
            String me = "find { it.id == '" + worker + "' }";
            assertThat(body.getString(me + ".host")).isEqualTo("box-1");
            assertThat(body.getInt(me + ".slots")).isEqualTo(4);
            assertThat(body.getInt(me + ".busy")).isEqualTo(3);
            assertThat(body.getString(me + ".state")).isEqualTo("ALIVE");
            assertThat(body.getString(me + ".running[0].taskId")).isEqualTo("t1");
        });
        given().get("/api/stats").then().statusCode(200).body("totalSlots", greaterThanOrEqualTo(4));
    }

    @Test
    void streamDeliversADeltaWithTheChangedTask() throws Exception {
        UUID run = UUID.randomUUID();
        String task = "streamed-" + UUID.randomUUID();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(streamUri).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10)).build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        Stream<String> body = response.body();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> body.forEach(lines::add));
        try {
            String hello = lines.poll(10, TimeUnit.SECONDS);
            assertThat(hello).startsWith("data:").contains("\"kind\":\"hello\"");

            kafka.publish(Topics.RUNS_EVENTS,
                    new TaskStateChanged(run, task, TaskState.RUNNING, 1, "w-stream", t0, null));

            String delta = awaitLine(lines, task);
            assertThat(delta).contains("\"kind\":\"delta\"").contains("\"state\":\"RUNNING\"")
                    .contains("\"worker\":\"w-stream\"");
        } finally {
            body.close();
            reader.cancel(true);
        }
    }

    @Test
    void finishedTasksReachTheThroughputChartThroughTheStreamAndTheSeries() throws Exception {
        UUID run = UUID.randomUUID();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(streamUri).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> response.body().forEach(lines::add));
        try {
            Instant finishedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String second = finishedAt.truncatedTo(ChronoUnit.SECONDS).toString();
            kafka.publish(Topics.TASKS_EVENTS, new TaskStarted(run, "charted", 1, "w-chart", finishedAt.minusMillis(5)),
                    new TaskSucceeded(run, "charted", 1, "w-chart", finishedAt, "ok"));

            // The delta that carries the finished task carries its second's point too.
            JsonPath sent = awaitDelta(lines, delta -> "SUCCEEDED".equals(
                    delta.getString("tasks.find { it.runId == '" + run + "' && it.id == 'charted' }.state")));
            assertThat(sent.getList("series.at", String.class)).contains(second);
            assertThat(sent.getInt("series.find { it.at == '" + second + "' }.finished")).isPositive();
        } finally {
            response.body().close();
            reader.cancel(true);
        }
        JsonPath series = given().get("/api/series").then().statusCode(200).extract().jsonPath();
        assertThat(series.getInt("windowSeconds")).isEqualTo(300);
        assertThat(series.getList("points")).hasSize(300);
        assertThat(series.getInt("points.finished.sum()")).isPositive();
    }

    @Test
    void locksSayWhenTheCoordinatorDoesNotAnswer() {
        // The test profile points at a port where nothing listens.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/locks").then().statusCode(200)
                .body("reachable", equalTo(false)).body("checkedAt", notNullValue()));
        given().get("/api/conflicts").then().statusCode(200).body("size()", equalTo(0));
        given().get("/api/conflicts/1").then().statusCode(502).contentType("application/problem+json");
    }

    @Test
    void unknownRunIsANotFoundProblem() {
        given().get("/api/runs/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().get("/api/runs/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("Invalid run id"));
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopicIsCountedAndConsumptionGoesOn() {
        PrometheusScrape before = scrape();
        String garbage = "not a cloud event " + UUID.randomUUID();
        TopicPartition dlq = new TopicPartition(Topics.TASKS_DLQ, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrapServers(), "enable.auto.commit", "false"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(dlq));
            consumer.seekToEnd(List.of(dlq));
            consumer.position(dlq);

            kafka.send(Topics.RUNS_EVENTS, "x", garbage);
            UUID after = UUID.randomUUID();
            kafka.publish(Topics.RUNS_EVENTS, new RunSubmitted(after, "after-garbage", 1, t0));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                ConsumerRecord<String, String> found = null;
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (garbage.equals(record.value())) {
                        found = record;
                    }
                }
                assertThat(found).isNotNull();
                assertThat(found.headers().lastHeader("dead-letter-reason")).isNotNull();
                assertThat(new String(found.headers().lastHeader("dead-letter-reason").value(),
                        StandardCharsets.UTF_8)).contains("unreadable");
            });
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> given().get("/api/runs/" + after).then().statusCode(200));
        }
        assertThat(scrape().since(before, "genesis_dashboard_dlq_records_total", "source", Topics.RUNS_EVENTS))
                .isEqualTo(1);
    }

    @Test
    void pageIsServedWithItsScript() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("id=\"dag\""))
                .body(containsString("id=\"fig-eta\""))
                .body(containsString("id=\"chart-throughput\""))
                .body(containsString("id=\"chart-latency\""))
                .body(containsString("id=\"locks\""))
                .body(containsString("id=\"conflicts\""));
        given().get("/app.js").then().statusCode(200).body(containsString("EventSource"));
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/series")).body(containsString("/api/locks"))
                .body(containsString("/api/conflicts/{id}"));
        given().get("/style.css").then().statusCode(200);
    }

    private static JsonPath awaitDelta(LinkedBlockingQueue<String> lines, Predicate<JsonPath> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(500, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("data:")) {
                JsonPath delta = new JsonPath(line.substring("data:".length()));
                if (wanted.test(delta)) {
                    return delta;
                }
            }
        }
        throw new AssertionError("no delta as wanted within 15 s");
    }

    private static String awaitLine(LinkedBlockingQueue<String> lines, String... needles) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(500, TimeUnit.MILLISECONDS);
            if (line != null && Stream.of(needles).allMatch(line::contains)) {
                return line;
            }
        }
        throw new AssertionError("no stream line mentioned all of " + List.of(needles));
    }

    /**
     * The consumers start at the end of each topic, so records sent before they own their
     * partitions would be missed. Probe each topic until the board shows the probe.
     */
    private void awaitConsumersAssigned() {
        if (consumersReady) {
            return;
        }
        UUID probeRun = UUID.randomUUID();
        String probeWorker = "probe-" + probeRun;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            kafka.publish(Topics.RUNS_EVENTS, new RunSubmitted(probeRun, "probe", 1, t0));
            kafka.publish(Topics.TASKS_EVENTS, new TaskStarted(probeRun, "probe", 1, probeWorker, t0));
            kafka.publish(Topics.WORKERS_HEARTBEATS, new WorkerHeartbeat(probeWorker, "probe", null, 1, 1, List.of(),
                    List.of(), false, Instant.now()));
            JsonPath run = given().get("/api/runs/" + probeRun).then().extract().jsonPath();
            boolean runSeen = "probe".equals(run.getString("name"))
                    && "RUNNING".equals(run.getString("tasks.find { it.id == 'probe' }.state"));
            boolean workerSeen = given().get("/api/workers").then().extract().jsonPath().getList("id")
                    .contains(probeWorker);
            return runSeen && workerSeen;
        });
        consumersReady = true;
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
