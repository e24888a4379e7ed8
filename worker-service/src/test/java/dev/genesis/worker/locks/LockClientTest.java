package dev.genesis.worker.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.genesis.common.json.Json;
import dev.genesis.worker.execution.WorkerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker's side of the lock API against a coordinator double on the JDK's HTTP server. */
class LockClientTest {

    private static final String GRANT = "{\"leaseId\":\"L1\",\"token\":42,\"expiresAt\":\"2030-01-01T00:00:00Z\"}";

    /** The status the double answers to the n-th acquire (from 0). */
    private interface Script {
        int status(int n);
    }

    private HttpServer server;
    private final List<Long> waitsAsked = new CopyOnWriteArrayList<>();
    private final List<String> released = new CopyOnWriteArrayList<>();
    private final AtomicInteger acquires = new AtomicInteger();
    private volatile Script script = n -> 200;
    private volatile long answerDelayMs;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/locks/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private LockClient client(Duration wait) {
        return new LockClient("http://127.0.0.1:" + server.getAddress().getPort() + "/", Duration.ofSeconds(30), wait,
                new WorkerMetrics(new SimpleMeterRegistry()));
    }

    @Test
    void aGrantBecomesALeaseWithItsToken() throws Exception {
        Lease lease = client(Duration.ofSeconds(5)).acquire("w1", "run/t/1", List.of("src/"), List.of("docs/a"));

        assertThat(lease.leaseId()).isEqualTo("L1");
        assertThat(lease.token()).isEqualTo(42);
        assertThat(lease.expiresAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(waitsAsked).containsExactly(1000L);
    }

    @Test
    void aSetStillHeldIsAskedForAgainInStepsUntilGranted() throws Exception {
        script = n -> n < 2 ? 409 : 200;

        Lease lease = client(Duration.ofSeconds(10)).acquire("w1", "run/t/1", List.of("src/"), List.of());

        assertThat(lease.token()).isEqualTo(42);
        assertThat(waitsAsked).hasSize(3).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(1000L));
    }

    @Test
    void aSetHeldPastTheWholeWaitIsNotGranted() {
        script = n -> 409;
        answerDelayMs = 200;

        assertThatThrownBy(() -> client(Duration.ofMillis(500)).acquire("w1", "run/t/1", List.of("src/"), List.of()))
                .isInstanceOf(LockUnavailableException.class).hasMessageContaining("HTTP 409");
        // 500 ms in all: the first step asks for all of it, and whatever is left after each answer is asked for next.
        assertThat(waitsAsked.get(0)).isBetween(450L, 500L);
        assertThat(waitsAsked).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(500L));
        assertThat(waitsAsked.size()).isBetween(2, 4);
    }

    @Test
    void anInterruptEndsTheWaitAndALeaseGrantedMeanwhileIsGivenBack() throws Exception {
        script = n -> 200;
        answerDelayMs = 400;
        LockClient client = client(Duration.ofSeconds(10));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread slot = new Thread(() -> {
            try {
                client.acquire("w1", "run/t/1", List.of("src/"), List.of());
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        slot.start();
        Thread.sleep(100);
        slot.interrupt();

        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(released).containsExactly("L1");
    }

    @Test
    void anUnreachableCoordinatorIsReportedAsLocksUnavailable() {
        server.stop(0);

        assertThatThrownBy(() -> client(Duration.ofSeconds(1)).acquire("w1", "run/t/1", List.of("src/"), List.of()))
                .isInstanceOf(LockUnavailableException.class).hasMessageContaining("unreachable");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        sleepQuietly(answerDelayMs);
        if (path.endsWith("/acquire")) {
            JsonNode request = Json.mapper().readTree(body);
            waitsAsked.add(request.path("waitMs").asLong());
            int status = script.status(acquires.getAndIncrement());
            respond(exchange, status, status == 200 ? GRANT : "{\"status\":409,\"title\":\"Lock not granted\"}");
        } else if (path.endsWith("/release")) {
            released.add(path.split("/")[3]);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        } else {
            respond(exchange, 404, "{}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
