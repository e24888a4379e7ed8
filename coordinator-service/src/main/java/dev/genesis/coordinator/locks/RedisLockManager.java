package dev.genesis.coordinator.locks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genesis.common.json.Json;
import dev.genesis.common.spec.ResourcePaths;
import dev.genesis.coordinator.metrics.CoordinatorMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * {@link LockManager} on Redis, one Lua script per operation.
 *
 * <p>Why one script over the whole lock table rather than one Redisson lock per path: a lease
 * covers a set with folders in it, and {@code src/} must conflict with {@code src/a.txt} although
 * they are different keys. The script checks the wanted set against every live lease and grants
 * all of it in the same atomic step, or nothing. A caller therefore never holds part of its set
 * while waiting for the rest, so there is no hold-and-wait and no deadlock, whatever the order of
 * the paths. The cost is a scan of the live leases per attempt, which is small for the number of
 * tasks a run keeps running at once.
 *
 * <p>Tokens come from one {@code INCR} counter, so they increase strictly across all paths; the
 * fence hash remembers the newest token granted on each path, which is what a write is checked
 * against. Paths stop being locked, so the hash is trimmed ({@link #trimFence}): entries older
 * than every live lease go, and a floor keeps their newest token. Waiting is short polling with
 * jittered exponential backoff (up to 50 ms): simple, and a release is noticed within one backoff
 * step.
 */
@ApplicationScoped
public class RedisLockManager implements LockManager {

    static final String PREFIX = "genesis:locks:";
    private static final List<Object> KEYS = List.of(PREFIX + "leases", PREFIX + "expiry", PREFIX + "tokens",
            PREFIX + "fence", PREFIX + "seq", PREFIX + "fence-floor");
    private static final long MAX_BACKOFF_MS = 50;

    private final RedissonClient redis;
    private final ObjectMapper json = Json.mapper();
    private final CoordinatorMetrics metrics;

    public RedisLockManager(RedissonClient redis, CoordinatorMetrics metrics) {
        this.redis = redis;
        this.metrics = metrics;
    }

    /**
     * What the lease hash stores per lease; token and expiry live beside it. {@code acquiredAt}
     * (epoch millis) is null in leases stored before it was recorded.
     */
    record Held(String owner, String holder, List<String> writes, List<String> reads, Long acquiredAt) {

        Instant acquired() {
            return acquiredAt == null ? null : Instant.ofEpochMilli(acquiredAt);
        }

        /** This set as lease {@code leaseId} with its token and expiry (epoch millis, as the scripts answer). */
        Lease lease(String leaseId, long token, long expiresAtMillis) {
            return new Lease(leaseId, token, owner, holder, writes, reads, Instant.ofEpochMilli(expiresAtMillis),
                    acquired());
        }
    }

    @Override
    public Lease acquire(LockRequest request) {
        return await(acquireAsync(request));
    }

    /** Waits for an async operation here; its failure is thrown as it is (they are all unchecked). */
    private static <T> T await(CompletionStage<T> operation) {
        try {
            return operation.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockUnavailableException("interrupted while waiting for locks", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new LockUnavailableException("lock request failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public CompletionStage<Lease> acquireAsync(LockRequest request) {
        CompletableFuture<Lease> result = new CompletableFuture<>();
        new Acquisition(request, result).attempt();
        return result;
    }

    /**
     * One acquire request: a script per attempt, and between attempts a pause of jittered
     * exponential backoff on a timer, so that no thread waits for the grant.
     */
    private final class Acquisition {

        private final LockRequest request;
        private final CompletableFuture<Lease> result;
        private final String leaseId = UUID.randomUUID().toString();
        private final long start = System.nanoTime();
        private final long deadline;
        private long backoff = 1;
        private boolean hadToWait;

        Acquisition(LockRequest request, CompletableFuture<Lease> result) {
            this.request = request;
            this.result = result;
            this.deadline = start + TimeUnit.MILLISECONDS.toNanos(request.waitMs());
        }

        /** Never throws: whatever goes wrong completes the request (a retry runs on a timer that nobody watches). */
        void attempt() {
            try {
                // Written per attempt so that acquiredAt is the moment of the grant, not of the request.
                Held held = new Held(request.owner(), request.holder(), request.writes(), request.reads(),
                        System.currentTimeMillis());
                evalAsync(LockScripts.ACQUIRE, leaseId, write(held), String.valueOf(request.leaseMs()))
                        .whenComplete((answer, error) -> {
                            if (error != null) {
                                metrics.lockFailed();
                                result.completeExceptionally(error);
                                return;
                            }
                            try {
                                answered(answer, held);
                            } catch (RuntimeException e) {
                                result.completeExceptionally(e);
                            }
                        });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        private void answered(List<Object> answer, Held held) {
            if (asLong(answer.get(0)) == 1) {
                metrics.lockGranted(System.nanoTime() - start);
                result.complete(held.lease(leaseId, asLong(answer.get(1)), asLong(answer.get(2))));
                return;
            }
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMs <= 0) {
                metrics.lockDenied(System.nanoTime() - start);
                result.completeExceptionally(new LockConflictException((String) answer.get(1),
                        (String) answer.get(2), (String) answer.get(3)));
                return;
            }
            if (!hadToWait) {
                hadToWait = true;
                metrics.lockContended();
            }
            long pause = Math.max(1, Math.min(remainingMs, backoff + ThreadLocalRandom.current().nextLong(backoff + 1)));
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            CompletableFuture.runAsync(this::attempt, CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS));
        }
    }

    /**
     * One script for the whole batch: the queue takes the locks of every task it dispatches in a
     * round with one HTTP and one Redis round trip. A granted request counts as a grant that did
     * not wait; a refused one is not counted as denied, since it did not wait for its set either
     * and its worker asks for it again itself (counting it would fill the denied wait histogram
     * with zero waits).
     */
    @Override
    public CompletionStage<Grants> tryAcquireEach(List<String> release, List<LockRequest> requests) {
        if (requests.isEmpty() && release.isEmpty()) {
            return CompletableFuture.completedFuture(new Grants(0, List.of()));
        }
        long start = System.nanoTime();
        CompletableFuture<Grants> result = new CompletableFuture<>();
        try {
            long acquiredAt = System.currentTimeMillis();
            List<String> leaseIds = new ArrayList<>(requests.size());
            List<Held> asked = new ArrayList<>(requests.size());
            List<String> args = new ArrayList<>(1 + release.size() + requests.size() * 3);
            args.add(String.valueOf(release.size()));
            args.addAll(release);
            for (LockRequest request : requests) {
                String leaseId = UUID.randomUUID().toString();
                Held held = new Held(request.owner(), request.holder(), request.writes(), request.reads(), acquiredAt);
                leaseIds.add(leaseId);
                asked.add(held);
                args.addAll(List.of(leaseId, write(held), String.valueOf(request.leaseMs())));
            }
            evalAsync(LockScripts.ACQUIRE_EACH, args.toArray(String[]::new)).whenComplete((answer, error) -> {
                if (error != null) {
                    requests.forEach(request -> metrics.lockFailed());
                    result.completeExceptionally(error);
                    return;
                }
                try {
                    result.complete(grants(answer, leaseIds, asked, start));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Reads the script's answer: how many leases it gave up, then four values per request. */
    private Grants grants(List<Object> answer, List<String> leaseIds, List<Held> asked, long start) {
        if (answer.size() != 1 + 4 * asked.size()) {
            throw new IllegalStateException("expected 1 + 4 values per request from Redis, got " + answer.size()
                    + " for " + asked.size() + " requests");
        }
        List<Grant> grants = new ArrayList<>(asked.size());
        for (int i = 0; i < asked.size(); i++) {
            List<Object> values = answer.subList(1 + 4 * i, 5 + 4 * i);
            if (asLong(values.get(0)) == 1) {
                Held held = asked.get(i);
                metrics.lockGranted(System.nanoTime() - start);
                grants.add(new Grant.Granted(held.lease(leaseIds.get(i), asLong(values.get(1)),
                        asLong(values.get(2)))));
            } else {
                grants.add(new Grant.Conflict((String) values.get(1), (String) values.get(2),
                        (String) values.get(3)));
            }
        }
        return new Grants((int) asLong(answer.get(0)), grants);
    }

    @Override
    public Optional<Lease> renew(String leaseId, long leaseMs) {
        List<Object> answer = eval(LockScripts.RENEW, leaseId, String.valueOf(leaseMs));
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        Held held = read((String) answer.get(2));
        return Optional.of(held.lease(leaseId, asLong(answer.get(1)), asLong(answer.get(0))));
    }

    @Override
    public void release(String leaseId) {
        eval(LockScripts.RELEASE, leaseId);
    }

    @Override
    public CompletionStage<Void> releaseAsync(String leaseId) {
        return evalAsync(LockScripts.RELEASE, leaseId).thenApply(answer -> null);
    }

    @Override
    public int releaseAllOf(String owner) {
        List<Object> answer = eval(LockScripts.RELEASE_OWNER, owner);
        return (int) asLong(answer.get(0));
    }

    @Override
    public Optional<Lease> find(String leaseId) {
        List<Object> answer = eval(LockScripts.GET, leaseId);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        Held held = read((String) answer.get(0));
        return Optional.of(held.lease(leaseId, asLong(answer.get(1)), asLong(answer.get(2))));
    }

    @Override
    public List<Lease> list() {
        List<Object> flat = eval(LockScripts.LIST);
        List<Lease> leases = new ArrayList<>();
        for (int i = 0; i + 3 < flat.size(); i += 4) {
            Held held = read((String) flat.get(i + 1));
            leases.add(held.lease((String) flat.get(i), asLong(flat.get(i + 2)), asLong(flat.get(i + 3))));
        }
        return leases;
    }

    @Override
    public long activeLeases() {
        try {
            return redis.getScoredSortedSet(PREFIX + "expiry", StringCodec.INSTANCE)
                    .count(System.currentTimeMillis(), false, Double.POSITIVE_INFINITY, true);
        } catch (RuntimeException e) {
            metrics.redisError();
            throw new LockUnavailableException("cannot count the leases in Redis: " + e.getMessage(), e);
        }
    }

    @Override
    public long newestToken(String path) {
        List<Object> answer = eval(LockScripts.NEWEST, coveringPaths(path).toArray(String[]::new));
        return asLong(answer.get(0));
    }

    @Override
    public FenceTrim trimFence(long keep) {
        List<Object> answer = eval(LockScripts.TRIM_FENCE, String.valueOf(keep));
        return new FenceTrim(asLong(answer.get(0)), asLong(answer.get(1)));
    }

    /** The path itself and every folder above it: exactly the lock paths that overlap a file. */
    static Set<String> coveringPaths(String path) {
        String normalized = ResourcePaths.normalize(path);
        Set<String> out = new LinkedHashSet<>();
        String[] segments = normalized.split("/");
        StringBuilder folder = new StringBuilder();
        for (int i = 0; i < segments.length - 1; i++) {
            folder.append(segments[i]).append('/');
            out.add(folder.toString());
        }
        out.add(normalized);
        return out;
    }

    private List<Object> eval(String script, String... args) {
        return await(evalAsync(script, args));
    }

    /** One script over the lock table, answered later: fails with {@link LockUnavailableException}. */
    private CompletionStage<List<Object>> evalAsync(String script, String... args) {
        CompletableFuture<List<Object>> answer = new CompletableFuture<>();
        try {
            redis.getScript(StringCodec.INSTANCE).<List<Object>>evalAsync(RScript.Mode.READ_WRITE, script,
                    RScript.ReturnType.MULTI, KEYS, (Object[]) args).whenComplete((list, error) -> {
                        if (error == null) {
                            answer.complete(list == null ? List.of() : list);
                        } else {
                            metrics.redisError();
                            answer.completeExceptionally(
                                    new LockUnavailableException("Redis did not answer: " + error.getMessage(), error));
                        }
                    });
        } catch (RuntimeException e) {
            metrics.redisError();
            answer.completeExceptionally(new LockUnavailableException("Redis did not answer: " + e.getMessage(), e));
        }
        return answer;
    }

    private static long asLong(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
    }

    private String write(Held held) {
        try {
            return json.writeValueAsString(held);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Held read(String text) {
        try {
            Held held = json.readValue(text, Held.class);
            return new Held(held.owner(), held.holder(), orEmpty(held.writes()), orEmpty(held.reads()),
                    held.acquiredAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable lease in Redis: " + text, e);
        }
    }

    private static List<String> orEmpty(List<String> paths) {
        return paths == null ? List.of() : paths;
    }
}
