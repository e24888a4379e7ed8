package dev.genesis.queue.locks;

import static dev.genesis.queue.support.Specs.aTask;
import static dev.genesis.queue.support.Specs.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.json.Json;
import dev.genesis.common.testing.PrometheusScrape;
import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.queue.support.FakeWorker;
import dev.genesis.queue.support.FakeWorker.Reply;
import dev.genesis.queue.support.Specs.TaskBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue takes a round's locks in one request and sends each lease in its dispatch. The
 * coordinator is played by an HTTP server here (its own endpoint is tested in the coordinator's
 * LockApiTest); the broker and PostgreSQL are real.
 */
@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class LockGrantsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "genesis.queue.lock-grants.coordinator-url")
    String coordinatorUrl;

    private final ObjectMapper json = Json.mapper();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    /** Each request with the status it was answered with. */
    private final List<Map.Entry<JsonNode, Integer>> answered = new CopyOnWriteArrayList<>();
    private final AtomicLong tokens = new AtomicLong(100);
    /** Which requested holders the fake coordinator finds held elsewhere. */
    private volatile Predicate<String> heldElsewhere = holder -> false;
    private volatile int status = 200;
    /** Whether the fake coordinator fails every request that gives leases up. */
    private volatile boolean failReleases;
    private HttpServer coordinator;
    /** Paths of this test alone: a task of another test's run that still holds a path would keep these waiting. */
    private final String dir = "grants-" + UUID.randomUUID() + "/";

    @BeforeEach
    void startCoordinator() throws IOException {
        coordinator = HttpServer.create(new InetSocketAddress("127.0.0.1", URI.create(coordinatorUrl).getPort()), 0);
        coordinator.createContext("/api/locks/acquire-each", this::answer);
        coordinator.start();
    }

    @AfterEach
    void stopCoordinatorAfterCheckingTheCalls() {
        stopCoordinator();
        // The coordinator refuses a call with nothing in it (400): the queue never sends one.
        assertThat(requests).noneMatch(r -> r.path("release").isEmpty() && r.path("requests").isEmpty());
    }

    void stopCoordinator() {
        coordinator.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody());
        requests.add(body);
        int answerStatus = failReleases && !body.path("release").isEmpty() ? 503 : status;
        ArrayNode results = json.createArrayNode();
        for (JsonNode item : body.path("requests")) {
            ObjectNode result = results.addObject();
            String holder = item.path("holder").asText();
            if (heldElsewhere.test(holder)) {
                result.put("granted", false).put("path", item.path("writes").path(0).asText())
                        .put("heldBy", "someone-else").put("heldPath", "shared/");
            } else {
                result.put("granted", true).put("leaseId", "lease-" + holder).put("token", tokens.incrementAndGet())
                        .put("expiresAt", Instant.now().plusMillis(item.path("leaseMs").asLong()).toString());
            }
        }
        byte[] answer = json.writeValueAsBytes(Map.of("released", body.path("release").size(), "results", results));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answerStatus, answer.length);
        answered.add(Map.entry(body, answerStatus));
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Test
    void aRoundsLocksAreTakenInOneRequestAndTravelInTheDispatches() throws Exception {
        // Succeeds what it gets: READY tasks other tests left behind may take some of its slots.
        try (FakeWorker worker = new FakeWorker(3, d -> Reply.SUCCEED)) {
            UUID run = submit(aTask("a").writes(dir + "a.txt"), aTask("b").writes(dir + "b.txt"), aTask("plain"));
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() == 3);
            TaskDispatched a = dispatchOf(worker, run, "a");
            TaskDispatched b = dispatchOf(worker, run, "b");
            assertThat(a.lease()).isNotNull();
            assertThat(a.lease().leaseId()).isEqualTo("lease-" + run + "/a#1");
            assertThat(b.lease().leaseId()).isEqualTo("lease-" + run + "/b#1");
            assertThat(a.lease().token()).isNotEqualTo(b.lease().token()).isGreaterThan(100);
            assertThat(a.lease().expiresAt()).isAfter(Instant.now().plusSeconds(20));
            assertThat(dispatchOf(worker, run, "plain").lease()).isNull();

            List<JsonNode> items = itemsFor(run);
            assertThat(items).hasSize(2); // the task without resources is not asked for
            // One request per round: never more requests than records (a round's tasks travel as one).
            assertThat(requestsFor(run)).isBetween(1L, (long) worker.dispatchRecordsOf(run).size());
            JsonNode first = items.stream().filter(i -> i.path("holder").asText().endsWith("/a#1")).findFirst()
                    .orElseThrow();
            assertThat(first.path("owner").asText()).isEqualTo(worker.id);
            assertThat(first.path("writes").get(0).asText()).isEqualTo(dir + "a.txt");
            assertThat(first.path("reads")).isEmpty();
            assertThat(first.path("leaseMs").asLong()).isEqualTo(30_000);
        }
    }

    @Test
    void aTaskWhosePathsAreHeldElsewhereGoesWithoutALease() throws Exception {
        heldElsewhere = holder -> holder.endsWith("/held#1");
        try (FakeWorker worker = new FakeWorker(3, d -> Reply.SUCCEED)) {
            UUID run = submit(aTask("held").writes(dir + "shared/x.txt"), aTask("free").writes(dir + "free/y.txt"));
            await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() == 2);
            assertThat(dispatchOf(worker, run, "held").lease()).isNull();
            assertThat(dispatchOf(worker, run, "free").lease()).isNotNull();
        }
    }

    @Test
    void aCoordinatorThatFailsCostsTheLeasesButNoDispatch() throws Exception {
        status = 503;
        try (FakeWorker worker = new FakeWorker(3, d -> Reply.SUCCEED)) {
            UUID run = submit(aTask("a").writes(dir + "a.txt"), aTask("b").writes(dir + "a.txt").dependsOn("a"));
            awaitRunState(run, "SUCCEEDED");
            assertThat(worker.dispatchesOf(run)).hasSize(2).allSatisfy(d -> assertThat(d.lease()).isNull());
            assertThat(itemsFor(run)).hasSize(2); // both were asked for, one round each
        }
        stopCoordinator();
        try (FakeWorker worker = new FakeWorker(3, d -> Reply.SUCCEED)) {
            UUID run = submit(aTask("c").writes(dir + "c.txt"));
            awaitRunState(run, "SUCCEEDED"); // nobody listens on the coordinator's port at all
            assertThat(worker.dispatchesOf(run)).singleElement().satisfies(d -> assertThat(d.lease()).isNull());
        } finally {
            startCoordinator();
        }
    }

    @Test
    void aLeaseASuccessLeavesIsGivenUpInTheRequestThatGrantsItsDependent() throws Exception {
        PrometheusScrape before = scrape();
        try (FakeWorker worker = new FakeWorker(3, d -> Reply.SUCCEED)) {
            UUID run = submit(aTask("a").writes(dir + "x.txt"), aTask("b").writes(dir + "x.txt").dependsOn("a"));
            awaitRunState(run, "SUCCEEDED");
            assertThat(dispatchOf(worker, run, "b").lease()).isNotNull();
            String leaseOfA = "lease-" + run + "/a#1";
            // Given up once, before b's locks were asked for: in the same call, unless the batch that
            // applied a's success could not dispatch b itself (the dispatcher thread was mid-round).
            List<Integer> giving = indexesOf(r -> r.path("release").toString().contains(leaseOfA));
            List<Integer> grantingB = indexesOf(r -> r.path("requests").toString().contains(run + "/b#1"));
            assertThat(giving).hasSize(1);
            assertThat(grantingB).hasSize(1);
            assertThat(giving.get(0)).isLessThanOrEqualTo(grantingB.get(0));
            // Both leases (b's too, once it succeeded), counted as live when given up (the fake says so).
            await().atMost(WAIT).untilAsserted(() -> assertThat(scrape().since(before,
                    "genesis_queue_lock_releases_total", "outcome", "released")).isGreaterThanOrEqualTo(2));
        }
    }

    private static PrometheusScrape scrape() {
        return PrometheusScrape.of(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .withLabel("service", "queue-service");
    }

    @Test
    void aLeaseLeftBySuccessThatReadiesNothingGoesAloneAndSurvivesAFailure() throws Exception {
        failReleases = true;
        try (FakeWorker worker = new FakeWorker(3, d -> Reply.SUCCEED)) {
            UUID run = submit(aTask("only").writes(dir + "only.txt"));
            awaitRunState(run, "SUCCEEDED");
            assertThat(dispatchOf(worker, run, "only").lease()).isNotNull();
            String lease = "lease-" + run + "/only#1";
            await().atMost(WAIT).until(() -> releasesOf(lease, 503) >= 2); // refused, and tried again
            failReleases = false;
            await().atMost(WAIT).until(() -> releasesOf(lease, 200) == 1);
            // Once accepted it is not sent again.
            Thread.sleep(3 * LockGrants.RELEASE_DELAY.toMillis() + LockGrants.RELEASE_RETRY.toMillis());
            assertThat(releasesOf(lease, 200)).isEqualTo(1);
        } finally {
            failReleases = false;
        }
    }

    private List<Integer> indexesOf(Predicate<JsonNode> which) {
        return java.util.stream.IntStream.range(0, requests.size()).filter(i -> which.test(requests.get(i))).boxed()
                .toList();
    }

    /** How many requests giving {@code leaseId} up the fake coordinator answered with {@code status}. */
    private long releasesOf(String leaseId, int status) {
        return answered.stream().filter(a -> a.getValue() == status)
                .filter(a -> a.getKey().path("release").toString().contains(leaseId)).count();
    }

    private List<JsonNode> itemsFor(UUID run) {
        return requests.stream().flatMap(r -> java.util.stream.StreamSupport.stream(r.path("requests").spliterator(),
                false)).filter(i -> i.path("holder").asText().startsWith(run + "/")).toList();
    }

    private long requestsFor(UUID run) {
        return requests.stream().filter(r -> r.path("requests").toString().contains(run.toString())).count();
    }

    private static TaskDispatched dispatchOf(FakeWorker worker, UUID run, String taskId) {
        return worker.dispatchesOf(run).stream().filter(d -> d.taskId().equals(taskId)).findFirst().orElseThrow();
    }

    private static UUID submit(TaskBuilder... tasks) {
        String id = given().contentType("application/json").body(run("grants-" + UUID.randomUUID(), tasks))
                .post("/api/runs").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private static void awaitRunState(UUID run, String state) {
        await().atMost(WAIT).until(() -> state.equals(given().get("/api/runs/" + run).then().extract().path("state")));
    }
}
