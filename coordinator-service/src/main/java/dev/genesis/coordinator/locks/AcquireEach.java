package dev.genesis.coordinator.locks;

import dev.genesis.common.api.FieldError;
import dev.genesis.coordinator.api.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The body and the answer of {@code POST /api/locks/acquire-each}, and the checks of the body.
 * Apart from {@link LockResource} so that the resource stays about answering; the checks of one
 * request are those of {@code /acquire}, the field names prefixed with the request's place.
 */
public final class AcquireEach {

    /** The most requests one call may carry: a dispatch round's worth, bounded so one script stays short. */
    static final int MAX_REQUESTS = 256;

    private AcquireEach() {
    }

    /** {@code {"requests": [...]}}: 1 to {@value #MAX_REQUESTS} requests. */
    public record Body(List<Request> requests) {
    }

    /** One request, as for {@code /acquire} but without waitMs: nothing waits. leaseMs falls back to 30 s. */
    public record Request(String owner, String holder, List<String> writes, List<String> reads, Long leaseMs) {
    }

    /** One result per request, in the order of the requests. */
    public record Answer(List<Result> results) {

        static Answer of(List<Grant> grants) {
            return new Answer(grants.stream().map(Result::of).toList());
        }
    }

    /**
     * A granted request shows its lease, a refused one the first conflict it met; the fields of the
     * other kind are null, and left out of the JSON.
     */
    public record Result(boolean granted, String leaseId, Long token, Instant expiresAt, String owner, String holder,
            List<String> writes, List<String> reads, String path, String heldBy, String heldPath) {

        static Result of(Grant grant) {
            if (grant instanceof Grant.Granted g) {
                Lease lease = g.lease();
                return new Result(true, lease.leaseId(), lease.token(), lease.expiresAt(), lease.owner(),
                        lease.holder(), lease.writes(), lease.reads(), null, null, null);
            }
            Grant.Conflict conflict = (Grant.Conflict) grant;
            return new Result(false, null, null, null, null, null, null, null, conflict.path(), conflict.holder(),
                    conflict.heldPath());
        }
    }

    /**
     * The requests, normalized; throws a 400 problem naming every bad field ({@code
     * requests[2].holder}) when any request is bad, so that a call is granted whole or not looked at.
     */
    static List<LockRequest> validated(Body body, long maxLeaseMs) {
        if (body == null || body.requests() == null || body.requests().isEmpty()
                || body.requests().size() > MAX_REQUESTS) {
            throw ProblemException.badRequest("invalid bulk lock request", List.of(
                    new FieldError("requests", "must hold 1 to " + MAX_REQUESTS + " lock requests")));
        }
        List<FieldError> errors = new ArrayList<>();
        List<LockRequest> requests = new ArrayList<>();
        for (int i = 0; i < body.requests().size(); i++) {
            String field = "requests[" + i + "]";
            Request item = body.requests().get(i);
            if (item == null) {
                errors.add(new FieldError(field, "must be a lock request"));
                continue;
            }
            List<String> writes = item.writes() == null ? List.of() : item.writes();
            List<String> reads = item.reads() == null ? List.of() : item.reads();
            long leaseMs = item.leaseMs() == null ? LockResource.DEFAULT_LEASE_MS : item.leaseMs();
            List<FieldError> problems = LockRequests.problems(item.owner(), item.holder(), writes, reads, leaseMs,
                    maxLeaseMs);
            problems.forEach(problem -> errors.add(new FieldError(field + "." + problem.field(), problem.message())));
            if (problems.isEmpty()) {
                requests.add(new LockRequest(item.owner(), item.holder(), LockRequests.normalized(writes),
                        LockRequests.normalized(reads), leaseMs, 0));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid bulk lock request", errors);
        }
        return requests;
    }
}
