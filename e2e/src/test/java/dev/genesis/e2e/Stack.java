package dev.genesis.e2e;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The four services as real processes on ports away from a developer's stack (1808x), on the
 * {@code test} database and Redis database 1, with the broker from {@code GENESIS_KAFKA_BOOTSTRAP}
 * (default localhost:9092).
 */
final class Stack implements AutoCloseable {

    static final int DASHBOARD = 18080;
    static final int QUEUE = 18081;
    static final int COORDINATOR = 18082;
    static final int WORKER = 18083;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path LOGS = ServiceProcess.repositoryRoot().resolve("e2e/target/e2e-logs");

    private final List<ServiceProcess> processes = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();

    Stack() {
        env.put("GENESIS_KAFKA_BOOTSTRAP", System.getenv().getOrDefault("GENESIS_KAFKA_BOOTSTRAP", "localhost:9092"));
        env.put("GENESIS_DB_NAME", System.getenv().getOrDefault("GENESIS_E2E_DB_NAME", "test"));
        env.put("GENESIS_REDIS_DATABASE", "1");
        env.put("GENESIS_COORDINATOR_URL", "http://localhost:" + COORDINATOR);
        env.put("GENESIS_QUEUE_URL", "http://localhost:" + QUEUE);
    }

    ServiceProcess start(String name, String module, int port) throws IOException, InterruptedException {
        ServiceProcess process = ServiceProcess.start(name, module, port, env, LOGS);
        processes.add(process);
        process.awaitReady(Duration.ofSeconds(90));
        return process;
    }

    void startAll(int workers) throws IOException, InterruptedException {
        start("coordinator", "coordinator-service", COORDINATOR);
        start("queue", "queue-service", QUEUE);
        start("dashboard", "dashboard-service", DASHBOARD);
        for (int i = 0; i < workers; i++) {
            start("worker-" + (i + 1), "worker-service", WORKER + i);
        }
    }

    static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " -> " + response.statusCode() + ": " + response.body());
        }
        return Json.mapper().readTree(response.body());
    }

    static HttpResponse<String> post(String url, String contentType, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status code of a request without a body, e.g. {@code DELETE} or a {@code GET} that may 404. */
    static int status(String method, String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() throws InterruptedException {
        // Workers first so that they leave cleanly, then the rest.
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
