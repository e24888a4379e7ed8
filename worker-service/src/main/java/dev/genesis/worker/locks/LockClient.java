package dev.genesis.worker.locks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genesis.common.json.Json;
import dev.genesis.common.http.PlainHttp;
import dev.genesis.worker.config.WorkerConfig;
import dev.genesis.worker.execution.WorkerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's lock API as the worker uses it (see docs/design.md, "Locks"), over
 * {@link PlainHttp}. An acquire that has to wait asks in steps of at most {@link #WAIT_STEP}, so
 * that a draining worker's interrupt ends the wait within one step (a blocking read does not end
 * on an interrupt); the coordinator polls for a free set either way, so the steps change no order.
 */
@ApplicationScoped
public class LockClient {

    /** What a renewal found. */
    public enum Renewal { RENEWED, GONE, UNKNOWN }

    static final Duration WAIT_STEP = Duration.ofSeconds(1);
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(5);

    private final ObjectMapper mapper = Json.mapper();
    private final String baseUrl;
    private final Duration lease;
    private final Duration wait;
    private final WorkerMetrics metrics;

    @Inject
    public LockClient(WorkerConfig config, WorkerMetrics metrics) {
        this(config.coordinatorUrl(), config.lockLease(), config.lockWait(), metrics);
    }

    /** Without CDI (tests of the classes that use it). */
    public LockClient(String coordinatorUrl, Duration lease, Duration wait, WorkerMetrics metrics) {
        this.metrics = metrics;
        this.baseUrl = PlainHttp.url(coordinatorUrl, "");
        this.lease = lease;
        this.wait = wait;
    }

    public Duration lease() {
        return lease;
    }

    /**
     * Takes the whole set for {@code holder}, waiting up to lock-wait; throws when not granted, and
     * when interrupted (a lease granted meanwhile is given back).
     */
    public Lease acquire(String owner, String holder, List<String> writes, List<String> reads)
            throws LockUnavailableException, InterruptedException {
        long start = System.nanoTime();
        boolean granted = false;
        try {
            Lease lease = request(owner, holder, writes, reads, start + wait.toNanos());
            granted = true;
            return lease;
        } finally {
            metrics.lockWaited(System.nanoTime() - start, granted);
        }
    }

    private Lease request(String owner, String holder, List<String> writes, List<String> reads, long deadline)
            throws LockUnavailableException, InterruptedException {
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for locks");
            }
            long stepMs = Math.min(WAIT_STEP.toMillis(),
                    Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            PlainHttp.Reply reply = post("/api/locks/acquire", acquireBody(owner, holder, writes, reads, stepMs),
                    Duration.ofMillis(stepMs).plus(ANSWER_MARGIN));
            if (reply.status() == 409 && deadline - System.nanoTime() > 0) {
                continue; // still held by someone else, and this attempt's wait is not over
            }
            if (reply.status() != 200) {
                throw notGranted(reply);
            }
            Lease granted = parse(reply.body());
            if (Thread.interrupted()) {
                release(granted);
                throw new InterruptedException("interrupted while waiting for locks");
            }
            return granted;
        }
    }

    /**
     * Asks once, without waiting: the lease when the whole set is free now, empty when some of it
     * is held. Not counted as a wait: the caller is not waiting on it.
     */
    public Optional<Lease> tryAcquire(String owner, String holder, LockSet set) throws LockUnavailableException {
        PlainHttp.Reply reply = post("/api/locks/acquire", acquireBody(owner, holder, set.writes(), set.reads(), 0),
                ANSWER_MARGIN);
        if (reply.status() == 409) {
            return Optional.empty();
        }
        if (reply.status() != 200) {
            throw notGranted(reply);
        }
        return Optional.of(parse(reply.body()));
    }

    private static LockUnavailableException notGranted(PlainHttp.Reply reply) {
        return new LockUnavailableException("locks not granted (HTTP " + reply.status() + "): "
                + PlainHttp.excerpt(reply.body()), null);
    }

    private String acquireBody(String owner, String holder, List<String> writes, List<String> reads, long waitMs)
            throws LockUnavailableException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("owner", owner);
        body.put("holder", holder);
        body.put("writes", writes);
        body.put("reads", reads);
        body.put("leaseMs", lease.toMillis());
        body.put("waitMs", waitMs);
        try {
            return mapper.writeValueAsString(body);
        } catch (IOException e) {
            throw new LockUnavailableException("cannot write the lock request: " + e.getMessage(), e);
        }
    }

    private Lease parse(String body) throws LockUnavailableException {
        try {
            JsonNode json = mapper.readTree(body);
            String expires = json.path("expiresAt").asText(null);
            return new Lease(json.path("leaseId").asText(), json.path("token").asLong(),
                    expires == null ? null : Instant.parse(expires));
        } catch (IOException | RuntimeException e) {
            throw new LockUnavailableException("unreadable lock grant: " + PlainHttp.excerpt(body), e);
        }
    }

    /** Extends the lease; {@link Renewal#GONE} (HTTP 410) means the locks are lost. */
    public Renewal renew(Lease lease) {
        try {
            int status = PlainHttp.postJson(baseUrl + "/api/locks/" + lease.leaseId() + "/renew", "{}",
                    ANSWER_MARGIN).status();
            if (status == 410 || status == 404) {
                return Renewal.GONE;
            }
            return status / 100 == 2 ? Renewal.RENEWED : Renewal.UNKNOWN;
        } catch (IOException e) {
            return Renewal.UNKNOWN;
        }
    }

    /** Gives the locks back; idempotent, and a failure only delays what the lease expiry does anyway. */
    public void release(Lease lease) {
        try {
            PlainHttp.postJson(baseUrl + "/api/locks/" + lease.leaseId() + "/release", "{}", ANSWER_MARGIN);
        } catch (IOException e) {
            // the lease expires on its own
        }
    }

    private PlainHttp.Reply post(String path, String json, Duration timeout) throws LockUnavailableException {
        try {
            return PlainHttp.postJson(baseUrl + path, json, timeout);
        } catch (IOException e) {
            throw new LockUnavailableException("coordinator unreachable at " + baseUrl + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

}
