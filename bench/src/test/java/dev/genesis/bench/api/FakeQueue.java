package dev.genesis.bench.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for queue-service's run API over real HTTP, for the benchmark's client code:
 * runs with a state and a progress, the RUNNING list, and a cancel endpoint that can refuse a few
 * times first.
 */
public final class FakeQueue implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> listingsLeft = new ConcurrentHashMap<>();
    public final List<String> requests = new CopyOnWriteArrayList<>();
    public final AtomicInteger cancelRefusals = new AtomicInteger();

    public FakeQueue() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/runs", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * A run that is RUNNING; it finishes (SUCCEEDED) after it has been listed or its progress read
     * {@code listings} times.
     */
    public void running(String id, String name, int listings) {
        states.put(id, "RUNNING");
        names.put(id, name);
        listingsLeft.put(id, new AtomicInteger(listings));
    }

    public String state(String id) {
        return states.get(id);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getQuery();
        requests.add(ex.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
        if (ex.getRequestMethod().equals("GET") && path.equals("/api/runs")) {
            StringBuilder items = new StringBuilder();
            for (String id : states.keySet()) {
                if (!"RUNNING".equals(states.get(id))) {
                    continue;
                }
                if (listingsLeft.get(id).getAndDecrement() <= 0) {
                    states.put(id, "SUCCEEDED");
                    continue;
                }
                items.append(items.isEmpty() ? "" : ",").append("{\"id\":\"").append(id).append("\",\"name\":\"")
                        .append(names.get(id)).append("\",\"state\":\"RUNNING\",\"taskCount\":2,"
                                + "\"counts\":{\"SUCCEEDED\":1,\"RUNNING\":1}}");
            }
            reply(ex, 200, "{\"items\":[" + items + "],\"page\":0,\"size\":200,\"total\":0}");
            return;
        }
        String[] parts = path.split("/");
        String id = parts.length > 3 ? parts[3] : "";
        if (!states.containsKey(id)) {
            reply(ex, 404, "{}");
            return;
        }
        if (ex.getRequestMethod().equals("GET") && path.endsWith("/progress")) {
            if ("RUNNING".equals(states.get(id)) && listingsLeft.get(id).getAndDecrement() <= 0) {
                states.put(id, "SUCCEEDED");
            }
            boolean running = "RUNNING".equals(states.get(id));
            reply(ex, 200, "{\"id\":\"" + id + "\",\"name\":\"" + names.get(id) + "\",\"state\":\"" + states.get(id)
                    + "\",\"taskCount\":2,\"openTasks\":" + (running ? 1 : 0) + ",\"finishedTasks\":"
                    + (running ? 1 : 2) + "}");
            return;
        }
        if (ex.getRequestMethod().equals("POST") && path.endsWith("/cancel")) {
            if (cancelRefusals.getAndDecrement() > 0) {
                reply(ex, 500, "{\"title\":\"deadlock detected\"}");
                return;
            }
            if (!"RUNNING".equals(states.get(id))) {
                reply(ex, 409, "{}");
                return;
            }
            states.put(id, "CANCELLED");
        }
        reply(ex, 200, "{\"id\":\"" + id + "\",\"name\":\"" + names.get(id) + "\",\"state\":\"" + states.get(id)
                + "\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"tasks\":[{\"id\":\"a\",\"state\":\"SUCCEEDED\"}]}");
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        JsonReplies.reply(ex, status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
