package dev.genesis.dashboard.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Stands in for queue-service's REST API with one stored run, {@link #RUN}: task {@code a}
 * succeeded on {@code w1}, task {@code b} runs and depends on {@code a}; and {@link #UNLISTED},
 * answered by id but absent from the list, like a run submitted after the dashboard started.
 * Other runs are 404.
 */
public class FakeQueueService implements QuarkusTestResourceLifecycleManager {

    static final UUID RUN = UUID.randomUUID();
    static final UUID UNLISTED = UUID.randomUUID();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/runs", this::answer);
        server.start();
        return Map.of("genesis.dashboard.queue-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        if (path.equals("/api/runs")) {
            body = "{\"items\":[{\"id\":\"" + RUN + "\",\"name\":\"seeded-run\",\"state\":\"RUNNING\"}],\"page\":0}";
        } else if (path.equals("/api/runs/" + RUN)) {
            body = """
                    {"id":"%s","name":"seeded-run","state":"RUNNING","createdAt":"2026-01-01T10:00:00Z",
                     "tasks":[
                      {"id":"a","kind":"sleep","state":"SUCCEEDED","priority":1,"attempt":1,"worker":"w1",
                       "dependsOn":[],"startedAt":"2026-01-01T10:00:01Z","finishedAt":"2026-01-01T10:00:03Z"},
                      {"id":"b","kind":"shell","state":"RUNNING","priority":0,"attempt":1,"worker":"w2",
                       "dependsOn":["a"],"startedAt":"2026-01-01T10:00:03Z"}]}
                    """.formatted(RUN);
        } else if (path.equals("/api/runs/" + UNLISTED)) {
            body = """
                    {"id":"%s","name":"just-submitted","state":"RUNNING","createdAt":"2026-01-01T11:00:00Z",
                     "tasks":[{"id":"only","kind":"noop","state":"READY","priority":0,"attempt":0,"dependsOn":[]}]}
                    """.formatted(UNLISTED);
        } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
