package dev.genesis.worker.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genesis.common.json.Json;
import dev.genesis.worker.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import dev.genesis.worker.config.CoordinatorHttp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The coordinator's workspace API as the worker uses it (see docs/design.md, "Workspace changesets"). */
@ApplicationScoped
public class WorkspaceClient implements FileSource {

    static final String VERSION_HEADER = "X-Genesis-Version";
    private static final String FILES = "/api/workspace/files";
    private static final int EXCERPT = 300;

    /** Nulls are written out: {@code "baseVersion": null} says "a new file" explicitly. */
    private final ObjectMapper mapper = Json.mapper().copy().setSerializationInclusion(JsonInclude.Include.ALWAYS);
    private final HttpClient http = CoordinatorHttp.client();
    private final String baseUrl;
    private final Duration timeout;

    public WorkspaceClient(WorkerConfig config) {
        String url = config.coordinatorUrl();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.timeout = config.workspaceTimeout();
    }

    @Override
    public List<String> list(String prefix) throws IOException, InterruptedException {
        HttpResponse<String> response = send(get(FILES + "?prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8)),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("listing " + prefix + ": coordinator answered HTTP " + response.statusCode());
        }
        List<String> paths = new ArrayList<>();
        for (JsonNode entry : mapper.readTree(response.body())) {
            paths.add(entry.path("path").asText());
        }
        return paths;
    }

    @Override
    public Optional<WorkspaceFile> read(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(get(FILES + "/" + encodePath(path)), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        String version = response.headers().firstValue(VERSION_HEADER).orElse(null);
        if (response.statusCode() != 200 || version == null) {
            throw new IOException("reading " + path + ": coordinator answered HTTP " + response.statusCode()
                    + (version == null ? " without " + VERSION_HEADER : ""));
        }
        try {
            return Optional.of(new WorkspaceFile(path, Integer.parseInt(version.trim()), response.body()));
        } catch (NumberFormatException e) {
            throw new IOException("reading " + path + ": unreadable " + VERSION_HEADER + " '" + version + "'", e);
        }
    }

    /** Sends one changeset; never throws for an answer, only when interrupted. */
    public CommitResult commit(Changeset changeset) throws InterruptedException {
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/workspace/changesets"))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(changeset)))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new CommitResult.Rejected("cannot commit the changeset to " + baseUrl + ": " + describe(e), true);
        }
        return answerOf(response.statusCode(), response.body());
    }

    /** Reads the coordinator's answer; a 409 is a lost lock when its problem type says stale-token, else a conflict. */
    CommitResult answerOf(int status, String body) {
        JsonNode json = parse(body);
        if (status == 200) {
            List<String> paths = new ArrayList<>();
            json.path("files").forEach(f -> paths.add(f.path("path").asText()));
            return new CommitResult.Committed(json.path("changesetId").asText(null), paths);
        }
        String detail = json.path("detail").asText(excerpt(body));
        if (status == 409 && json.path("type").asText("").endsWith("stale-token")) {
            return new CommitResult.StaleToken(detail);
        }
        if (status == 409) {
            List<String> paths = new ArrayList<>();
            json.path("conflicts").forEach(c -> paths.add(c.path("path").asText()));
            return new CommitResult.Conflict(paths, detail);
        }
        // A 4xx says this changeset is wrong and will stay wrong; a 5xx may pass on another try.
        return new CommitResult.Rejected("changeset refused (HTTP " + status + "): " + detail, status >= 500);
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }

    private HttpRequest get(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(timeout).GET().build();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new IOException("coordinator unreachable at " + baseUrl + ": " + describe(e), e);
        }
    }

    /** Percent-encodes each segment so that any file name survives the URL; '/' stays a separator. */
    static String encodePath(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            segments.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", segments);
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String excerpt(String body) {
        return body == null ? "" : body.length() <= EXCERPT ? body : body.substring(0, EXCERPT);
    }
}
