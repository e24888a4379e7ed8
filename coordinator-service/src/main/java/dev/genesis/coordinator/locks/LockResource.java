package dev.genesis.coordinator.locks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.genesis.common.api.FieldError;
import dev.genesis.common.api.Problem;
import dev.genesis.common.json.Json;
import dev.genesis.coordinator.api.ProblemException;
import dev.genesis.coordinator.config.CoordinatorConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Fenced leases over workspace paths, as workers use them around a task. */
@Path("/api/locks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LockResource {

    /** Body of an acquire request; leaseMs and waitMs fall back to 30 s and 10 s. */
    public record AcquireBody(String owner, String holder, List<String> writes, List<String> reads, Long leaseMs,
            Long waitMs) {
    }

    /** One lease as {@code GET /api/locks} shows it: the mode is "write" when it holds any write path. */
    public record LeaseView(String leaseId, long token, String owner, String holder, List<String> writes,
            List<String> reads, String mode, Instant expiresAt, Instant acquiredAt) {

        static LeaseView of(Lease lease) {
            return new LeaseView(lease.leaseId(), lease.token(), lease.owner(), lease.holder(), lease.writes(),
                    lease.reads(), lease.writes().isEmpty() ? "read" : "write", lease.expiresAt(), lease.acquiredAt());
        }
    }

    static final long DEFAULT_LEASE_MS = 30_000;
    static final long DEFAULT_WAIT_MS = 10_000;

    private final LockManager locks;
    private final LockWaits waits;
    private final CoordinatorConfig config;

    public LockResource(LockManager locks, LockWaits waits, CoordinatorConfig config) {
        this.locks = locks;
        this.waits = waits;
        this.config = config;
    }

    /**
     * Answered without holding a thread: the script runs on Redisson's I/O thread and a wait
     * between attempts is a timer, so a grant costs no hand-off to a worker thread and back.
     */
    @POST
    @Path("/acquire")
    public CompletionStage<LeaseView> acquire(AcquireBody body) {
        LockRequest request = validated(body);
        long waiting = waits.begin(request);
        CompletableFuture<LeaseView> answer = new CompletableFuture<>();
        locks.acquireAsync(request).whenComplete((lease, error) -> {
            waits.end(waiting);
            if (error == null) {
                answer.complete(LeaseView.of(lease));
            } else {
                answer.completeExceptionally(problemOf(unwrapped(error), request));
            }
        });
        return answer;
    }

    /**
     * The queue's grant for a dispatch round: every request answered at once, none waiting, in one
     * HTTP and one Redis round trip. A refused request is a result, not an error; a rejected body
     * or an unreachable Redis grants nothing.
     */
    @POST
    @Path("/acquire-each")
    public CompletionStage<AcquireEach.Answer> acquireEach(AcquireEach.Body body) {
        AcquireEach.Checked checked = AcquireEach.validated(body, config.maxLease().toMillis());
        CompletableFuture<AcquireEach.Answer> answer = new CompletableFuture<>();
        locks.tryAcquireEach(checked.release(), checked.requests()).whenComplete((grants, error) -> {
            Throwable cause = error == null ? null : unwrapped(error);
            if (cause == null) {
                answer.complete(AcquireEach.Answer.of(grants));
            } else if (cause instanceof LockUnavailableException e) {
                answer.completeExceptionally(unavailable(e));
            } else {
                answer.completeExceptionally(cause);
            }
        });
        return answer;
    }

    private static Throwable problemOf(Throwable error, LockRequest request) {
        if (error instanceof LockConflictException e) {
            return new ProblemException(new Problem("about:blank", "Lock not granted", 409,
                    "not granted within " + request.waitMs() + " ms: " + e.getMessage(),
                    List.of(new FieldError(e.path(), "held by " + e.holder() + " (" + e.heldPath() + ")"))));
        }
        if (error instanceof LockUnavailableException e) {
            return unavailable(e);
        }
        return error;
    }

    /** Takes {@code {"leaseMs": n}}, {@code ?leaseMs=n} or no body at all (the default length). */
    @POST
    @Path("/{leaseId}/renew")
    @Consumes(MediaType.WILDCARD)
    public LeaseView renew(@PathParam("leaseId") String leaseId, @QueryParam("leaseMs") Long queryLeaseMs,
            String body) {
        long leaseMs = queryLeaseMs != null ? queryLeaseMs : leaseMsIn(body);
        checkRange("leaseMs", leaseMs, 1, config.maxLease().toMillis());
        try {
            return locks.renew(leaseId, leaseMs).map(LeaseView::of).orElseThrow(() -> new ProblemException(410,
                    "Lease gone", "lease " + leaseId + " expired or was released"));
        } catch (LockUnavailableException e) {
            throw unavailable(e);
        }
    }

    @POST
    @Path("/{leaseId}/release")
    @Consumes(MediaType.WILDCARD)
    public CompletionStage<Response> release(@PathParam("leaseId") String leaseId) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        locks.releaseAsync(leaseId).whenComplete((done, error) -> {
            Throwable cause = error == null ? null : unwrapped(error);
            if (cause == null) {
                answer.complete(Response.noContent().build());
            } else if (cause instanceof LockUnavailableException e) {
                // Said plainly rather than a 204: the lease may still be held until it expires.
                answer.completeExceptionally(unavailable(e));
            } else {
                answer.completeExceptionally(cause);
            }
        });
        return answer;
    }

    private static Throwable unwrapped(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /**
     * The acquire requests this instance is still working on, oldest first: each waits for a
     * conflicting lease to go (a grant that needs no wait leaves the list within milliseconds).
     */
    @GET
    @Path("/waiting")
    public List<LockWaits.Waiting> waiting() {
        return waits.list();
    }

    @GET
    public List<LeaseView> list() {
        try {
            return locks.list().stream().map(LeaseView::of).toList();
        } catch (LockUnavailableException e) {
            throw unavailable(e);
        }
    }

    private LockRequest validated(AcquireBody body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required", List.of());
        }
        List<String> writes = body.writes() == null ? List.of() : body.writes();
        List<String> reads = body.reads() == null ? List.of() : body.reads();
        long leaseMs = body.leaseMs() == null ? DEFAULT_LEASE_MS : body.leaseMs();
        long waitMs = body.waitMs() == null ? DEFAULT_WAIT_MS : body.waitMs();
        List<FieldError> errors = LockRequests.problems(body.owner(), body.holder(), writes, reads, leaseMs,
                config.maxLease().toMillis());
        if (waitMs < 0 || waitMs > config.maxWait().toMillis()) {
            errors.add(new FieldError("waitMs", "must be between 0 and " + config.maxWait().toMillis()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid lock request", errors);
        }
        return new LockRequest(body.owner(), body.holder(), LockRequests.normalized(writes),
                LockRequests.normalized(reads), leaseMs, waitMs);
    }

    private static long leaseMsIn(String body) {
        if (body == null || body.isBlank()) {
            return DEFAULT_LEASE_MS;
        }
        try {
            JsonNode value = Json.mapper().readTree(body).path("leaseMs");
            return value.canConvertToLong() ? value.asLong() : DEFAULT_LEASE_MS;
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("the body is not JSON", List.of());
        }
    }

    private static void checkRange(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw ProblemException.badRequest("invalid " + field,
                    List.of(new FieldError(field, "must be between " + min + " and " + max)));
        }
    }

    private static ProblemException unavailable(LockUnavailableException e) {
        return new ProblemException(503, "Lock store unavailable", "nothing was granted: " + e.getMessage());
    }
}
