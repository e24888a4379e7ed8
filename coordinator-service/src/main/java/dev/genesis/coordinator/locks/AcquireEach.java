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
    /** The most leases one call may give up before its requests. */
    static final int MAX_RELEASES = 1_024;
    /** Lease ids are UUIDs; anything much longer is not one of ours. */
    private static final int MAX_LEASE_ID = 100;

    private AcquireEach() {
    }

    /**
     * {@code {"release": [...], "requests": [...]}}: up to {@value #MAX_RELEASES} lease ids to give up
     * first and up to {@value #MAX_REQUESTS} requests, at least one of either. The queue gives back
     * the leases of the attempts it just heard succeed in the same call that takes the locks of the
     * tasks it dispatches next, often the same paths.
     */
    public record Body(List<String> release, List<Request> requests) {
    }

    /** What a body asks, checked: the leases to give up, then the requests. */
    record Checked(List<String> release, List<LockRequest> requests) {
    }

    /** One request, as for {@code /acquire} but without waitMs: nothing waits. leaseMs falls back to 30 s. */
    public record Request(String owner, String holder, List<String> writes, List<String> reads, Long leaseMs) {
    }

    /**
     * How many of the given leases were live when given up (the others had expired or were released
     * already), and one result per request, in the order of the requests.
     */
    public record Answer(int released, List<Result> results) {

        static Answer of(LockManager.Grants grants) {
            return new Answer(grants.released(), grants.grants().stream().map(Result::of).toList());
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
     * The leases to give up and the requests, normalized; throws a 400 problem naming every bad
     * field ({@code requests[2].holder}, {@code release[0]}) when anything is bad, so that a call is
     * carried out whole or not looked at.
     */
    static Checked validated(Body body, long maxLeaseMs) {
        List<String> release = body == null || body.release() == null ? List.of() : body.release();
        List<Request> items = body == null || body.requests() == null ? List.of() : body.requests();
        if (release.isEmpty() && items.isEmpty()) {
            throw ProblemException.badRequest("invalid bulk lock request", List.of(
                    new FieldError("requests", "must hold 1 to " + MAX_REQUESTS
                            + " lock requests when there is nothing to release")));
        }
        List<FieldError> errors = new ArrayList<>();
        if (items.size() > MAX_REQUESTS) {
            errors.add(new FieldError("requests", "must hold at most " + MAX_REQUESTS + " lock requests"));
        }
        if (release.size() > MAX_RELEASES) {
            errors.add(new FieldError("release", "must hold at most " + MAX_RELEASES + " lease ids"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid bulk lock request", errors);
        }
        for (int i = 0; i < release.size(); i++) {
            String id = release.get(i);
            if (id == null || id.isBlank() || id.length() > MAX_LEASE_ID) {
                errors.add(new FieldError("release[" + i + "]", "must be a lease id (1 to " + MAX_LEASE_ID
                        + " characters)"));
            }
        }
        List<LockRequest> requests = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String field = "requests[" + i + "]";
            Request item = items.get(i);
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
        return new Checked(List.copyOf(release), requests);
    }
}
