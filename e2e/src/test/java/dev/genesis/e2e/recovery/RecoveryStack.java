package dev.genesis.e2e.recovery;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genesis.common.json.Json;
import dev.genesis.common.testing.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Coordinator, queue, optionally the dashboard, and N workers as real processes on ports 1808x,
 * against the real broker, the {@code test} database and Redis database 1, for tests that change
 * the membership under a run: a worker killed, drained or added, the queue killed. The dashboard
 * is left out unless asked for: the machine has two cores.
 */
final class RecoveryStack implements AutoCloseable {

    static final int DASHBOARD = 18080;
    static final int QUEUE = 18081;
    static final int COORDINATOR = 18082;
    static final int FIRST_WORKER = 18083;

    private static final Duration START = Duration.ofSeconds(120);
    private static final Path LOGS = ServiceProcess.repositoryRoot().resolve("e2e/target/e2e-logs");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, String> env;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final List<ServiceProcess> workers = new ArrayList<>();
    private ServiceProcess queue;

    RecoveryStack() {
        env = Map.of(
                "GENESIS_KAFKA_BOOTSTRAP", bootstrap(),
                "GENESIS_DB_NAME", System.getenv().getOrDefault("GENESIS_E2E_DB_NAME", "test"),
                "GENESIS_REDIS_DATABASE", "1",
                "GENESIS_COORDINATOR_URL", "http://localhost:" + COORDINATOR,
                "GENESIS_QUEUE_URL", "http://localhost:" + QUEUE);
    }

    static String bootstrap() {
        return System.getenv().getOrDefault("GENESIS_KAFKA_BOOTSTRAP", "localhost:9092");
    }

    /** Starts coordinator, queue and workers, and waits until every worker heartbeats with partitions of its own. */
    void start(int workerCount) throws IOException, InterruptedException {
        start(workerCount, false);
    }

    /** As {@link #start(int)}, with the dashboard too when {@code withDashboard}. */
    void start(int workerCount, boolean withDashboard) throws IOException, InterruptedException {
        startService("coordinator", "coordinator-service", COORDINATOR);
        queue = startService("queue", "queue-service", QUEUE);
        if (withDashboard) {
            startService("dashboard", "dashboard-service", DASHBOARD);
        }
        for (int i = 0; i < workerCount; i++) {
            addWorker();
        }
        List<String> ids = new ArrayList<>();
        for (ServiceProcess worker : workers) {
            ids.add(workerId(worker));
        }
        await("every worker alive with partitions").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> allAliveWithPartitions(ids));
    }

    /**
     * Starts one more worker process on the next worker port and returns as soon as it reports
     * ready ({@code /q/health/ready} 200); it may not own partitions yet.
     */
    ServiceProcess addWorker() throws IOException, InterruptedException {
        int index = workers.size();
        ServiceProcess worker = startService("worker-" + (index + 1), "worker-service", FIRST_WORKER + index);
        workers.add(worker);
        return worker;
    }

    private static boolean allAliveWithPartitions(List<String> workerIds) throws IOException, InterruptedException {
        for (String id : workerIds) {
            Optional<JsonNode> view = coordinatorView(id);
            if (view.isEmpty() || !"ALIVE".equals(view.get().path("state").asText())
                    || view.get().path("partitions").isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private ServiceProcess startService(String name, String module, int port) throws IOException, InterruptedException {
        ServiceProcess service = ServiceProcess.start(name, module, port, env, LOGS);
        processes.add(service);
        service.awaitReady(START);
        return service;
    }

    ServiceProcess queue() {
        return queue;
    }

    ServiceProcess worker(int index) {
        return workers.get(index);
    }

    /** Starts the queue again on its port after it was killed, and waits until it is ready. */
    void restartQueue() throws IOException, InterruptedException {
        queue.restart();
        queue.awaitReady(START);
    }

    /** The id a worker gives itself ({@code GET /api/worker}). */
    static String workerId(ServiceProcess worker) throws IOException, InterruptedException {
        return get(worker.url() + "/api/worker").get("id").asText();
    }

    /** The coordinator's view of one worker, if it knows it. */
    static Optional<JsonNode> coordinatorView(String workerId) throws IOException, InterruptedException {
        for (JsonNode w : get("http://localhost:" + COORDINATOR + "/api/workers")) {
            if (workerId.equals(w.path("id").asText())) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    /** The coordinator's leases ({@code GET /api/locks}). */
    static JsonNode locks() throws IOException, InterruptedException {
        return get("http://localhost:" + COORDINATOR + "/api/locks");
    }

    /** Submits a run spec (JSON) and answers the run's id. */
    static UUID submit(String json) throws IOException, InterruptedException {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + QUEUE + "/api/runs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("POST /api/runs -> " + created.statusCode() + ": " + created.body());
        }
        return UUID.fromString(Json.mapper().readTree(created.body()).get("id").asText());
    }

    static JsonNode run(UUID runId) throws IOException, InterruptedException {
        return get("http://localhost:" + QUEUE + "/api/runs/" + runId);
    }

    /** One task of a run as the queue shows it. */
    static JsonNode task(JsonNode run, String taskId) {
        for (JsonNode t : run.get("tasks")) {
            if (taskId.equals(t.get("id").asText())) {
                return t;
            }
        }
        throw new IllegalArgumentException("no task " + taskId + " in " + run);
    }

    /** Waits until the run leaves RUNNING and answers it. */
    static JsonNode awaitFinished(UUID runId, Duration atMost) {
        return await("run " + runId + " finished").atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> run(runId), r -> !"RUNNING".equals(r.get("state").asText()));
    }

    /** Leaves no runnable work behind for the next test class on the shared database. */
    static void cancelIfRunning(UUID runId) {
        try {
            if (runId != null && "RUNNING".equals(run(runId).get("state").asText())) {
                HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + QUEUE + "/api/runs/" + runId + "/cancel"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("[recovery] could not cancel run " + runId + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " -> " + response.statusCode() + ": " + response.body());
        }
        return Json.mapper().readTree(response.body());
    }

    /** Stops workers first (they drain), then the queue, then the coordinator. */
    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
