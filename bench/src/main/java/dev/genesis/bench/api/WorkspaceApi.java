package dev.genesis.bench.api;

import static dev.genesis.bench.api.HttpCalls.abbreviate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genesis.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the workspace suite assumes about the coordinator's workspace API (all JSON but the zip):
 * <ul>
 * <li>{@code POST /api/workspace/import}, body {@code application/zip} → 200 {@link ChangesetAnswer}
 * (every entry a new version, one changeset, no lease);</li>
 * <li>{@code POST /api/locks/acquire} {@code {owner, holder, writes, reads, leaseMs, waitMs}} → 200
 * {@link Lease}; a write path ending in {@code /} locks the folder; {@code POST /api/locks/{id}/release}
 * → 204;</li>
 * <li>{@code POST /api/workspace/changesets} {@link ChangesetBody} → 200 {@link ChangesetAnswer}; the
 * body's holder, leaseId and token must be the lease's, and every path under its writes;</li>
 * <li>{@code GET /api/workspace/files?prefix=P} → the live files under P at their current versions;</li>
 * <li>{@code POST /api/snapshots {name}} → 201 {@code {id, ...}}; {@code GET /api/snapshots/{a}/diff/{b}}
 * → 200 {@code {added, removed, changed}}.</li>
 * </ul>
 * Any other status fails with a {@link StackException} naming the request, the status and the body.
 */
public final class WorkspaceApi {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** An import or a clean-up of a whole folder is one transaction over every file of it. */
    private static final Duration BULK_TIMEOUT = Duration.ofMinutes(10);

    /** A granted lease, as {@code POST /api/locks/acquire} answers it (other fields ignored). */
    public record Lease(String leaseId, long token) {
    }

    /** What a committed changeset (or an import) answers. */
    public record ChangesetAnswer(long changesetId, long snapshotId, List<CommittedFile> files) {

        public ChangesetAnswer {
            files = files == null ? List.of() : List.copyOf(files);
        }

        /** The version {@code path} landed at; throws when the answer does not list it. */
        public int versionOf(String path) {
            return files.stream().filter(f -> path.equals(f.path())).mapToInt(CommittedFile::version).findFirst()
                    .orElseThrow(() -> new StackException("the changeset answer lists no file " + path + " (it lists "
                            + files.size() + " file(s))"));
        }
    }

    public record CommittedFile(String path, int version, boolean merged) {
    }

    /** A live file of {@code GET /api/workspace/files}. */
    public record FileView(String path, int version) {
    }

    /** The body of {@code POST /api/workspace/changesets}; null fields are left out of the JSON. */
    public record ChangesetBody(String runId, String taskId, Integer attempt, String holder, String leaseId,
            Long token, String mode, List<FileBody> files) {
    }

    /** One file of a changeset: {@code content} base64, or {@code deleted} true and no content. */
    public record FileBody(String path, Integer baseVersion, String content, Boolean deleted) {

        public static FileBody edit(String path, int baseVersion, byte[] content) {
            return new FileBody(path, baseVersion, Base64.getEncoder().encodeToString(content), null);
        }

        public static FileBody deletion(String path, int baseVersion) {
            return new FileBody(path, baseVersion, null, true);
        }
    }

    /** A changeset's answer and how long its POST took, from sending the request to reading the answer. */
    public record Timed<T>(T value, long nanos) {

        public double millis() {
            return nanos / 1e6;
        }
    }

    private final URI coordinator;
    private final HttpClient http;
    private final ObjectMapper json = Json.mapper();

    public WorkspaceApi(URI coordinator) {
        this.coordinator = coordinator;
        // HTTP/1.1 on one kept-alive connection: the same path for every timed request.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Imports a zip as one changeset (as operator {@code holder}). */
    public ChangesetAnswer importZip(byte[] zip, String holder) {
        HttpRequest request = HttpRequest.newBuilder(coordinator.resolve("/api/workspace/import"))
                .timeout(BULK_TIMEOUT)
                .header("Content-Type", "application/zip")
                .header("X-Genesis-Holder", holder)
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build();
        return read(expect(send(request), 200, "POST /api/workspace/import (" + zip.length + " bytes)"),
                new TypeReference<ChangesetAnswer>() { });
    }

    /** A write lease on {@code writes} (a path ending in {@code /} is a whole folder). */
    public Lease acquireWrites(String owner, String holder, List<String> writes, long leaseMs, long waitMs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("owner", owner);
        body.put("holder", holder);
        body.put("writes", writes);
        body.put("reads", List.of());
        body.put("leaseMs", leaseMs);
        body.put("waitMs", waitMs);
        String what = "POST /api/locks/acquire (writes " + abbreviate(writes.toString()) + ")";
        // The acquire may wait up to waitMs for a conflicting lease to go.
        HttpRequest request = HttpRequest.newBuilder(coordinator.resolve("/api/locks/acquire"))
                .timeout(REQUEST_TIMEOUT.plusMillis(waitMs))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(encode(body))).build();
        Lease lease = read(expect(send(request), 200, what), new TypeReference<Lease>() { });
        if (lease.leaseId() == null || lease.token() < 1) {
            throw new StackException(what + " answered without a lease id or token: " + lease);
        }
        return lease;
    }

    public void release(String leaseId) {
        HttpRequest request = HttpRequest.newBuilder(coordinator.resolve("/api/locks/" + leaseId + "/release"))
                .timeout(REQUEST_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 204 && response.statusCode() != 200) {
            throw failure("POST /api/locks/" + leaseId + "/release", response);
        }
    }

    /** The JSON of a changeset, encoded before the timed request so that encoding is not timed. */
    public byte[] encode(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new StackException("cannot encode " + body.getClass().getSimpleName(), e);
        }
    }

    /**
     * POSTs an encoded changeset; times the request alone (System.nanoTime around sending it and
     * reading the answer's bytes, not decoding them).
     *
     * @param what names the commit in the error of a refused one
     */
    public Timed<ChangesetAnswer> commit(byte[] body, String what, boolean bulk) {
        HttpRequest request = HttpRequest.newBuilder(coordinator.resolve("/api/workspace/changesets"))
                .timeout(bulk ? BULK_TIMEOUT : REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long t0 = System.nanoTime();
        HttpResponse<String> response = send(request);
        long nanos = System.nanoTime() - t0;
        expect(response, 200, "POST /api/workspace/changesets (" + what + ")");
        return new Timed<>(read(response, new TypeReference<ChangesetAnswer>() { }), nanos);
    }

    /** The live files under {@code prefix}, at their current versions. */
    public List<FileView> files(String prefix) {
        String path = "/api/workspace/files?prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(coordinator.resolve(path)).timeout(BULK_TIMEOUT).GET().build();
        return read(expect(send(request), 200, "GET " + path), new TypeReference<List<FileView>>() { });
    }

    /** {@code POST /api/snapshots}, timed; answers the new snapshot's id. */
    public Timed<Long> snapshot(String name) {
        HttpRequest request = HttpRequest.newBuilder(coordinator.resolve("/api/snapshots"))
                .timeout(BULK_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(encode(Map.of("name", name)))).build();
        long t0 = System.nanoTime();
        HttpResponse<String> response = send(request);
        long nanos = System.nanoTime() - t0;
        String what = "POST /api/snapshots (" + name + ")";
        JsonNode body = read(expect(response, 201, what), new TypeReference<JsonNode>() { });
        if (!body.path("id").canConvertToLong()) {
            throw new StackException(what + " answered without an id: " + abbreviate(response.body()));
        }
        return new Timed<>(body.path("id").asLong(), nanos);
    }

    /** {@code GET /api/snapshots/{a}/diff/{b}}, timed; answers the diff as JSON. */
    public Timed<JsonNode> diff(long a, long b) {
        String path = "/api/snapshots/" + a + "/diff/" + b;
        HttpRequest request = HttpRequest.newBuilder(coordinator.resolve(path)).timeout(BULK_TIMEOUT).GET().build();
        long t0 = System.nanoTime();
        HttpResponse<String> response = send(request);
        long nanos = System.nanoTime() - t0;
        return new Timed<>(read(expect(response, 200, "GET " + path), new TypeReference<JsonNode>() { }), nanos);
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw failure(what, response);
        }
        return response;
    }

    private static StackException failure(String what, HttpResponse<String> response) {
        return new StackException(what + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
    }

    private HttpResponse<String> send(HttpRequest request) {
        return HttpCalls.send(http, request);
    }

    private <T> T read(HttpResponse<String> response, TypeReference<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new StackException(response.request().method() + " " + response.request().uri().getPath()
                    + " answered unexpectedly: " + abbreviate(response.body()), e);
        }
    }
}
