package dev.genesis.bench.suites;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.genesis.bench.api.JsonReplies;
import dev.genesis.common.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A stand-in for the coordinator's workspace, lock and snapshot API over real HTTP, with the
 * rules the workspace suite relies on: imports version every entry, a lease is exclusive on its
 * write paths (a path ending in "/" holds its folder), a lock-mode changeset needs the lease's
 * holder and token, paths under its writes and the current version as base, and lands whole or
 * not at all with a snapshot taken before it.
 */
final class FakeCoordinator implements AutoCloseable {

    record Lease(String id, long token, String holder, List<String> writes) {
    }

    private final HttpServer server;
    private final ObjectMapper json = Json.mapper();
    /** path → current version; a deleted file keeps its version with a null content. */
    final Map<String, Integer> versions = new TreeMap<>();
    final Map<String, byte[]> contents = new HashMap<>();
    final Map<String, Lease> leases = new java.util.concurrent.ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** The changeset bodies received, in order. */
    final List<JsonNode> changesets = new CopyOnWriteArrayList<>();
    final List<Lease> granted = new CopyOnWriteArrayList<>();
    private long tokens;
    private long snapshots;
    private long changesetIds;
    /** The number (0-based) of the changeset POST to refuse with a 409, or -1. */
    volatile int refuseChangeset = -1;

    static {
        // Answers in one segment: without it each answer waits out the client's delayed ACK (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    FakeCoordinator() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Files that exist (not deleted) under {@code prefix}. */
    synchronized List<String> live(String prefix) {
        return versions.keySet().stream().filter(p -> p.startsWith(prefix) && contents.get(p) != null).toList();
    }

    /** A file put there by someone else. */
    synchronized void put(String path, String text) {
        versions.merge(path, 1, Integer::sum);
        contents.put(path, text.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        requests.add(method + " " + path + (query == null ? "" : "?" + query));
        byte[] body = ex.getRequestBody().readAllBytes();
        try {
            if (method.equals("POST") && path.equals("/api/workspace/import")) {
                importZip(ex, body);
            } else if (method.equals("POST") && path.equals("/api/locks/acquire")) {
                acquire(ex, json.readTree(body));
            } else if (method.equals("POST") && path.matches("/api/locks/[^/]+/release")) {
                leases.remove(path.split("/")[3]);
                ex.sendResponseHeaders(204, -1);
                ex.close();
            } else if (method.equals("POST") && path.equals("/api/workspace/changesets")) {
                changeset(ex, json.readTree(body));
            } else if (method.equals("GET") && path.equals("/api/workspace/files")) {
                String prefix = query == null ? "" : URLDecoder.decode(query.replaceFirst("^prefix=", ""),
                        StandardCharsets.UTF_8);
                ArrayNode files = json.createArrayNode();
                for (String p : live(prefix)) {
                    files.addObject().put("path", p).put("version", versions.get(p)).put("size", contents.get(p).length)
                            .put("sha256", "x");
                }
                reply(ex, 200, files);
            } else if (method.equals("POST") && path.equals("/api/snapshots")) {
                JsonNode req = json.readTree(body);
                reply(ex, 201, json.createObjectNode().put("id", ++snapshots).put("name", req.path("name").asText())
                        .put("createdAt", "2026-01-01T00:00:00Z").put("files", 0));
            } else if (method.equals("GET") && path.matches("/api/snapshots/\\d+/diff/\\d+")) {
                String[] parts = path.split("/");
                ObjectNode diff = json.createObjectNode().put("from", Long.parseLong(parts[3]))
                        .put("to", Long.parseLong(parts[5]));
                diff.putArray("added");
                diff.putArray("removed");
                diff.putArray("changed").addObject().put("path", "x").put("fromVersion", 1).put("toVersion", 2);
                reply(ex, 200, diff);
            } else {
                problem(ex, 404, "no such endpoint: " + method + " " + path);
            }
        } catch (RuntimeException e) {
            problem(ex, 500, e.toString());
        }
    }

    private void importZip(HttpExchange ex, byte[] body) throws IOException {
        if (!"application/zip".equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
            problem(ex, 415, "not a zip");
            return;
        }
        ObjectNode answer = json.createObjectNode().put("changesetId", ++changesetIds).put("snapshotId", ++snapshots);
        ArrayNode files = answer.putArray("files");
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(body))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                int version = versions.merge(entry.getName(), 1, Integer::sum);
                contents.put(entry.getName(), in.readAllBytes());
                files.addObject().put("path", entry.getName()).put("version", version).put("merged", false);
            }
        }
        reply(ex, 200, answer);
    }

    private void acquire(HttpExchange ex, JsonNode req) throws IOException {
        List<String> writes = new ArrayList<>();
        req.path("writes").forEach(w -> writes.add(w.asText()));
        if (req.path("owner").asText("").isBlank() || req.path("holder").asText("").isBlank() || writes.isEmpty()
                || req.path("leaseMs").asLong() < 1) {
            problem(ex, 400, "invalid lock request " + req);
            return;
        }
        for (Lease held : leases.values()) {
            for (String w : writes) {
                for (String h : held.writes()) {
                    if (overlap(w, h)) {
                        problem(ex, 409, "not granted: " + w + " held by " + held.holder() + " (" + h + ")");
                        return;
                    }
                }
            }
        }
        Lease lease = new Lease(UUID.randomUUID().toString(), ++tokens, req.path("holder").asText(), writes);
        leases.put(lease.id(), lease);
        granted.add(lease);
        ObjectNode answer = json.createObjectNode().put("leaseId", lease.id()).put("token", lease.token())
                .put("owner", req.path("owner").asText()).put("holder", lease.holder()).put("mode", "write");
        answer.set("writes", json.valueToTree(writes));
        answer.putArray("reads");
        reply(ex, 200, answer);
    }

    private void changeset(HttpExchange ex, JsonNode req) throws IOException {
        int number = changesets.size();
        changesets.add(req);
        if (number == refuseChangeset) {
            problem(ex, 409, "merge conflict (as told)");
            return;
        }
        for (String field : List.of("runId", "taskId", "holder", "leaseId")) {
            if (req.path(field).asText("").isBlank()) {
                problem(ex, 400, field + " must not be blank");
                return;
            }
        }
        Lease lease = leases.get(req.path("leaseId").asText());
        if (lease == null || !lease.holder().equals(req.path("holder").asText())
                || lease.token() != req.path("token").asLong()) {
            problem(ex, 409, "stale fencing token");
            return;
        }
        if (!"lock".equals(req.path("mode").asText())) {
            problem(ex, 400, "this fake knows lock mode only");
            return;
        }
        Map<String, byte[]> writes = new HashMap<>();
        for (JsonNode file : req.path("files")) {
            String path = file.path("path").asText();
            if (lease.writes().stream().noneMatch(w -> overlap(w, path))) {
                problem(ex, 403, "outside the writes: " + path);
                return;
            }
            int current = versions.getOrDefault(path, 0);
            if (file.path("baseVersion").asInt(0) != current) {
                problem(ex, 409, path + " is at version " + current + ", not " + file.path("baseVersion"));
                return;
            }
            boolean deleted = file.path("deleted").asBoolean(false);
            if (deleted == file.has("content")) {
                problem(ex, 400, "content xor deleted: " + file);
                return;
            }
            writes.put(path, deleted ? null : Base64.getDecoder().decode(file.path("content").asText()));
        }
        ObjectNode answer = json.createObjectNode().put("changesetId", ++changesetIds).put("snapshotId", ++snapshots);
        ArrayNode files = answer.putArray("files");
        writes.forEach((path, bytes) -> {
            int version = versions.merge(path, 1, Integer::sum);
            contents.put(path, bytes);
            files.addObject().put("path", path).put("version", version).put("merged", false);
        });
        reply(ex, 200, answer);
    }

    private static boolean overlap(String a, String b) {
        return a.equals(b) || a.endsWith("/") && b.startsWith(a) || b.endsWith("/") && a.startsWith(b);
    }

    private void problem(HttpExchange ex, int status, String detail) throws IOException {
        reply(ex, status, json.createObjectNode().put("status", status).put("detail", detail));
    }

    private void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
        JsonReplies.reply(ex, status, json.writeValueAsBytes(body));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
