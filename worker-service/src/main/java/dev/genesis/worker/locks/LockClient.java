package dev.genesis.worker.locks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genesis.common.json.Json;
import dev.genesis.worker.config.WorkerConfig;
import dev.genesis.worker.execution.WorkerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import dev.genesis.worker.config.CoordinatorHttp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The coordinator's lock API as the worker uses it (see docs/design.md, "Locks"). */
@ApplicationScoped
public class LockClient {

    /** What a renewal found. */
    public enum Renewal { RENEWED, GONE, UNKNOWN }

    private final ObjectMapper mapper = Json.mapper();
    private final HttpClient http = CoordinatorHttp.client();
    private final String baseUrl;
    private final Duration lease;
    private final Duration wait;
    private final WorkerMetrics metrics;

    public LockClient(WorkerConfig config, WorkerMetrics metrics) {
        this.metrics = metrics;
        this.baseUrl = stripSlash(config.coordinatorUrl());
        this.lease = config.lockLease();
        this.wait = config.lockWait();
    }

    public Duration lease() {
        return lease;
    }

    /** Takes the whole set for {@code holder}, waiting up to lock-wait; throws when not granted. */
    public Lease acquire(String owner, String holder, List<String> writes, List<String> reads)
            throws LockUnavailableException, InterruptedException {
        long start = System.nanoTime();
        boolean granted = false;
        try {
            Lease lease = request(owner, holder, writes, reads);
            granted = true;
            return lease;
        } finally {
            metrics.lockWaited(System.nanoTime() - start, granted);
        }
    }

    private Lease request(String owner, String holder, List<String> writes, List<String> reads)
            throws LockUnavailableException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("owner", owner);
        body.put("holder", holder);
        body.put("writes", writes);
        body.put("reads", reads);
        body.put("leaseMs", lease.toMillis());
        body.put("waitMs", wait.toMillis());
        HttpResponse<String> response;
        try {
            response = http.send(post("/api/locks/acquire", mapper.writeValueAsString(body))
                    .timeout(wait.plusSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LockUnavailableException("coordinator unreachable at " + baseUrl + ": " + describe(e), e);
        }
        if (response.statusCode() != 200) {
            throw new LockUnavailableException("locks not granted (HTTP " + response.statusCode() + "): "
                    + excerpt(response.body()), null);
        }
        try {
            JsonNode json = mapper.readTree(response.body());
            String expires = json.path("expiresAt").asText(null);
            return new Lease(json.path("leaseId").asText(), json.path("token").asLong(),
                    expires == null ? null : Instant.parse(expires));
        } catch (IOException | RuntimeException e) {
            throw new LockUnavailableException("unreadable lock grant: " + excerpt(response.body()), e);
        }
    }

    /** Extends the lease; {@link Renewal#GONE} (HTTP 410) means the locks are lost. */
    public Renewal renew(Lease lease) {
        try {
            int status = http.send(post("/api/locks/" + lease.leaseId() + "/renew", "{}")
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 410 || status == 404) {
                return Renewal.GONE;
            }
            return status / 100 == 2 ? Renewal.RENEWED : Renewal.UNKNOWN;
        } catch (IOException e) {
            return Renewal.UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Renewal.UNKNOWN;
        }
    }

    /** Gives the locks back; idempotent, and a failure only delays what the lease expiry does anyway. */
    public void release(Lease lease) {
        try {
            http.send(post("/api/locks/" + lease.leaseId() + "/release", "{}")
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the lease expires on its own
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String excerpt(String body) {
        return body == null ? "" : body.length() <= 300 ? body : body.substring(0, 300);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
