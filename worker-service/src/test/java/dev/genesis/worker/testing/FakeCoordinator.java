package dev.genesis.worker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The coordinator endpoints a worker uses (locks, workspace files, changesets), in memory on the
 * JDK's HTTP server. Records every changeset; answers 409 merge-conflict or stale-token for runs told to, and
 * 503 to the lease renewals of runs told to (a coordinator that cannot be reached).
 */
public final class FakeCoordinator implements AutoCloseable {

    /** A stored file version. */
    public record StoredFile(int version, byte[] bytes) {
    }

    /** A lock grant: who got it, with which fencing token, and when. */
    public record Grant(String leaseId, String holder, long token, Instant at) {
    }

    private final ObjectMapper mapper = Json.mapper();
    private final HttpServer server;
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final List<JsonNode> changesets = new CopyOnWriteArrayList<>();
    private final Set<UUID> conflictingRuns = ConcurrentHashMap.newKeySet();
    private final Set<UUID> staleRuns = ConcurrentHashMap.newKeySet();
    private final Set<UUID> unreachableRenewals = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Duration> slowReleases = new ConcurrentHashMap<>();
    private final Map<UUID, Duration> slowAcquires = new ConcurrentHashMap<>();
    private final Set<UUID> heldElsewhere = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> releases = new ConcurrentHashMap<>();
    private final List<String> acquires = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> releasedLeases = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong(100);
    private final AtomicInteger ids = new AtomicInteger();

    public FakeCoordinator() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/locks/", this::locks);
        server.createContext("/api/workspace/files", this::files);
        server.createContext("/api/workspace/changesets", this::changeset);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Stores a new version of {@code path}; returns it. */
    public int put(String path, String content) {
        return files.compute(path, (p, old) -> new StoredFile(old == null ? 1 : old.version() + 1,
                content.getBytes(StandardCharsets.UTF_8))).version();
    }

    public Optional<String> content(String path) {
        return Optional.ofNullable(files.get(path)).map(f -> new String(f.bytes(), StandardCharsets.UTF_8));
    }

    public void conflictOn(UUID runId) {
        conflictingRuns.add(runId);
    }

    public void staleTokenOn(UUID runId) {
        staleRuns.add(runId);
    }

    public void unreachableForRenewalsOf(UUID runId) {
        unreachableRenewals.add(runId);
    }

    /** Answers the lock releases of {@code runId}'s attempts only after {@code delay}. */
    public void slowReleasesOf(UUID runId, Duration delay) {
        slowReleases.put(runId, delay);
    }

    /** Answers the lock requests of {@code runId}'s attempts only after {@code delay}. */
    public void slowAcquiresOf(UUID runId, Duration delay) {
        slowAcquires.put(runId, delay);
    }

    /** Refuses the lock requests of {@code runId}'s attempts (409: held by someone else). */
    public void heldElsewhereFor(UUID runId) {
        heldElsewhere.add(runId);
    }

    /** Every grant to {@code runId}'s attempts, oldest first. */
    /**
     * Grants {@code holder}'s locks as the queue does when it dispatches (one request for a round's
     * tasks): the lease the dispatch then carries.
     */
    public TaskDispatched.LeaseGrant grantAtDispatch(String holder) {
        Grant grant = new Grant("dispatch-lease-" + ids.incrementAndGet(), holder, tokens.incrementAndGet(),
                Instant.now());
        grants.put(grant.leaseId(), grant);
        return new TaskDispatched.LeaseGrant(grant.leaseId(), grant.token(), Instant.now().plusSeconds(30));
    }

    /** How many times attempts of {@code runId} asked for locks themselves ({@code /api/locks/acquire}). */
    public long acquiresOf(UUID runId) {
        return acquires.stream().filter(h -> isOf(h, runId)).count();
    }

    public List<Grant> grantsOf(UUID runId) {
        return grants.values().stream().filter(g -> isOf(g.holder(), runId))
                .sorted(Comparator.comparingLong(Grant::token)).toList();
    }

    /** When the release of a lease of {@code runId} was answered. */
    public Optional<Instant> releasedAt(UUID runId) {
        return releases.entrySet().stream().filter(e -> isOf(e.getKey(), runId)).map(Map.Entry::getValue)
                .findFirst();
    }

    /** When the release of lease {@code leaseId} was answered. */
    public Optional<Instant> releaseOfLease(String leaseId) {
        return Optional.ofNullable(releasedLeases.get(leaseId));
    }

    /** When the release of {@code holder}'s lease was answered. */
    public Optional<Instant> releaseOf(String holder) {
        return Optional.ofNullable(releases.get(holder));
    }

    public List<JsonNode> changesetsOf(UUID runId) {
        return changesets.stream().filter(c -> runId.toString().equals(c.path("runId").asText())).toList();
    }

    public Optional<Grant> grantOf(UUID runId) {
        return grants.values().stream().filter(g -> isOf(g.holder(), runId)).findFirst();
    }

    /** Whether a lock holder ({@code runId/taskId#attempt}) is an attempt of {@code runId}. */
    private static boolean isOf(String holder, UUID runId) {
        return holder.startsWith(runId + "/");
    }

    /** Waits as long as a run told to answer slowly asks, when the holder is one of its attempts. */
    private static void pauseIfSlow(Map<UUID, Duration> slowRuns, String holder) {
        slowRuns.entrySet().stream().filter(e -> isOf(holder, e.getKey())).findFirst()
                .ifPresent(e -> pause(e.getValue()));
    }

    private void locks(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        String last = parts[parts.length - 1];
        if (last.equals("acquire")) {
            JsonNode body = mapper.readTree(exchange.getRequestBody());
            String holder = body.path("holder").asText();
            acquires.add(holder);
            pauseIfSlow(slowAcquires, holder);
            if (heldElsewhere.stream().anyMatch(r -> isOf(holder, r))) {
                respond(exchange, 409, mapper.createObjectNode().put("status", 409).put("title", "Lock not granted"));
                return;
            }
            Grant grant = new Grant("lease-" + ids.incrementAndGet(), holder, tokens.incrementAndGet(), Instant.now());
            grants.put(grant.leaseId(), grant);
            respond(exchange, 200, mapper.createObjectNode().put("leaseId", grant.leaseId())
                    .put("token", grant.token()).put("expiresAt", "2100-01-01T00:00:00Z"));
            return;
        }
        Grant grant = grants.get(parts[parts.length - 2]);
        if (grant == null) {
            respond(exchange, 410, null);
        } else if (last.equals("renew") && unreachableRenewals.stream().anyMatch(r -> isOf(grant.holder(), r))) {
            respond(exchange, 503, null);
        } else if (last.equals("renew")) {
            respond(exchange, 200, mapper.createObjectNode().put("leaseId", grant.leaseId()));
        } else {
            pauseIfSlow(slowReleases, grant.holder());
            releases.put(grant.holder(), Instant.now());
            releasedLeases.put(grant.leaseId(), Instant.now());
            respond(exchange, 204, null);
        }
    }

    private void files(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/api/workspace/files".length());
        if (path.isEmpty() || path.equals("/")) {
            String query = exchange.getRequestURI().getRawQuery();
            String prefix = query == null ? "" : URLDecoder.decode(query.replaceFirst("^prefix=", ""), StandardCharsets.UTF_8);
            ArrayNode list = mapper.createArrayNode();
            files.forEach((p, f) -> {
                if (p.startsWith(prefix)) {
                    list.addObject().put("path", p).put("version", f.version()).put("size", f.bytes().length);
                }
            });
            respond(exchange, 200, list);
            return;
        }
        StoredFile file = files.get(path.substring(1));
        if (file == null) {
            respond(exchange, 404, mapper.createObjectNode().put("status", 404));
            return;
        }
        exchange.getResponseHeaders().add("X-Genesis-Version", String.valueOf(file.version()));
        exchange.sendResponseHeaders(200, file.bytes().length == 0 ? -1 : file.bytes().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(file.bytes());
        }
    }

    private void changeset(HttpExchange exchange) throws IOException {
        JsonNode body = mapper.readTree(exchange.getRequestBody());
        changesets.add(body);
        UUID runId = UUID.fromString(body.path("runId").asText());
        if (staleRuns.contains(runId)) {
            respond(exchange, 409, mapper.createObjectNode().put("type", "https://genesis.dev/problems/stale-token")
                    .put("title", "Stale fencing token").put("status", 409).put("detail", "a newer grant exists"));
            return;
        }
        if (conflictingRuns.contains(runId)) {
            ObjectNode problem = mapper.createObjectNode()
                    .put("type", "https://genesis.dev/problems/merge-conflict").put("title", "Merge conflict")
                    .put("status", 409).put("detail", "overlapping edits");
            ArrayNode conflicts = problem.putArray("conflicts");
            body.path("files").forEach(f -> conflicts.addObject().put("path", f.path("path").asText())
                    .set("baseVersion", f.path("baseVersion")));
            respond(exchange, 409, problem);
            return;
        }
        ObjectNode answer = mapper.createObjectNode().put("changesetId", "cs-" + ids.incrementAndGet())
                .put("snapshotId", ids.incrementAndGet());
        ArrayNode landed = answer.putArray("files");
        for (JsonNode f : body.path("files")) {
            String path = f.path("path").asText();
            int version;
            if (f.path("deleted").asBoolean()) {
                version = files.remove(path).version() + 1;
            } else {
                version = put(path, new String(Base64.getDecoder().decode(f.path("content").asText()), StandardCharsets.UTF_8));
            }
            landed.addObject().put("path", path).put("version", version).put("merged", false);
        }
        respond(exchange, 200, answer);
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
