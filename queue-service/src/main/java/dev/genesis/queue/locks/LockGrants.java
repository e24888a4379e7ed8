package dev.genesis.queue.locks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genesis.common.concurrent.DaemonThreads;
import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.events.TaskSucceeded;
import dev.genesis.common.http.PlainHttp;
import dev.genesis.common.json.Json;
import dev.genesis.common.spec.Resources;
import dev.genesis.queue.messaging.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Takes the locks of a dispatch round's tasks in one request to the coordinator
 * ({@code POST /api/locks/acquire-each}), between the round's commit and its publication, and sends
 * each granted lease in its dispatch ({@link TaskDispatched#lease()}), owned by the worker it goes
 * to. Each worker would otherwise ask for its task's locks itself when a slot takes it: an HTTP
 * round trip on the slot's path, one per task, which under load took as long as the short tasks of
 * the traces ran (design notes, "Locks taken at dispatch").
 *
 * <p>The request goes out on the round's thread ({@link PlainHttp}: no hand-off to an HTTP
 * client's own threads), after the commit and before the publication.
 *
 * <p>The lease goes back the same way: a worker whose attempt succeeded under such a lease leaves it
 * to the queue ({@link TaskSucceeded#leaseToRelease()}, {@link #releaseLater}), and the next request
 * gives it up before it asks for anything, in the same atomic step, so that the dependents this
 * success readied, which often want the same paths, are granted them in the call that frees them.
 * The worker's own release request, one per locked task, and its wait on the slot are gone.
 *
 * <p>Nothing here decides who may run: the round already sent no two conflicting tasks, and a lock
 * held outside Genesis leaves its task without a lease, for the worker to ask and wait as before.
 * So a failure only costs the shortcut: the dispatches go out without leases (never later than
 * {@code timeout}), and rounds skip the request for {@code pause-after-failure}. Leases to give up
 * stay pending through a failure: a thread of this class retries them, and also sends those that
 * no round took within {@link #RELEASE_DELAY} (a success that readied nothing). Continuations are
 * left to their workers: they start only when the attempt they follow succeeds.
 */
@ApplicationScoped
public class LockGrants {

    private static final Logger LOG = Logger.getLogger(LockGrants.class);
    /** The coordinator's limit per request. */
    static final int MAX_PER_REQUEST = 256;
    /** The coordinator's limit of leases given up per request. */
    static final int MAX_RELEASES = 1_024;
    /** How long a lease to give up waits for a round's request to carry it before it goes alone. */
    static final Duration RELEASE_DELAY = Duration.ofMillis(50);
    /** After a failed release, the next try on this class's thread waits this long. */
    static final Duration RELEASE_RETRY = Duration.ofSeconds(1);

    private final LockGrantConfig config;
    private final ObjectMapper json = Json.mapper();
    private final String endpoint;
    private final Counter granted;
    private final Counter held;
    private final Counter failed;
    private final Counter released;
    private final Counter alreadyGone;
    private final Counter releaseRetried;
    /** Leases to give up, each with the nanoTime it was handed over. */
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService releases = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("genesis-lease-releases"));
    private volatile long pausedUntil = System.nanoTime();
    private volatile long releasesPausedUntil = System.nanoTime();

    private record Pending(String leaseId, long since) {
    }

    public LockGrants(LockGrantConfig config, MeterRegistry registry) {
        this.config = config;
        this.endpoint = PlainHttp.url(config.coordinatorUrl(), "/api/locks/acquire-each");
        this.granted = outcome(registry, "granted");
        this.held = outcome(registry, "held-elsewhere");
        this.failed = outcome(registry, "not-asked");
        this.released = release(registry, "released");
        this.alreadyGone = release(registry, "already-gone");
        this.releaseRetried = release(registry, "retried");
    }

    void onStart(@Observes StartupEvent event) {
        long every = RELEASE_DELAY.toMillis();
        releases.scheduleWithFixedDelay(this::releaseOverdue, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        releases.shutdownNow();
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("genesis.queue.lock.grants").tag("outcome", outcome)
                .description("Dispatches with locks, by what the queue's request for them found").register(registry);
    }

    private static Counter release(MeterRegistry registry, String outcome) {
        return Counter.builder("genesis.queue.lock.releases").tag("outcome", outcome)
                .description("Leases workers left to the queue to give up, by what giving them up found")
                .register(registry);
    }

    /** Leases that workers left to the queue: the next request to the coordinator gives them up first. */
    public void releaseLater(List<String> leaseIds) {
        long now = System.nanoTime();
        leaseIds.forEach(id -> pending.add(new Pending(id, now)));
    }

    /**
     * Puts a lease into each dispatch of {@code outbox} that runs under locks and could have them
     * now; the others keep none. Gives up the pending leases in the same request, before the
     * grants. Never throws.
     */
    public void grant(Outbox outbox) {
        List<Integer> wanting = new ArrayList<>();
        List<Outbox.Dispatch> dispatches = config.enabled() ? outbox.dispatches() : List.of();
        for (int i = 0; i < dispatches.size() && wanting.size() < MAX_PER_REQUEST; i++) {
            if (wantsLease(dispatches.get(i).event())) {
                wanting.add(i);
            }
        }
        if (System.nanoTime() - pausedUntil < 0) {
            failed.increment(wanting.size()); // pending leases stay for this class's thread
            return;
        }
        List<Pending> giving = drainPending(System.nanoTime());
        if (wanting.isEmpty() && giving.isEmpty()) {
            return; // nothing to ask for or give up (the coordinator refuses an empty call)
        }
        try {
            List<TaskDispatched.LeaseGrant> leases = request(giving, wanting.stream()
                    .map(i -> dispatches.get(i).event()).toList());
            for (int k = 0; k < wanting.size(); k++) {
                TaskDispatched.LeaseGrant lease = leases.get(k);
                if (lease == null) {
                    held.increment();
                } else {
                    granted.increment();
                    outbox.replace(wanting.get(k), dispatches.get(wanting.get(k)).event().withLease(lease));
                }
            }
        } catch (IOException | RuntimeException e) {
            pausedUntil = System.nanoTime() + config.pauseAfterFailure().toNanos();
            failed.increment(wanting.size());
            retryLater(giving);
            LOG.warnf("dispatching %d tasks without their locks, which their workers take themselves, and "
                    + "keeping %d leases to give up for a retry: the coordinator at %s did not answer (%s); not "
                    + "asking again for %s", wanting.size(), giving.size(), endpoint, reason(e),
                    config.pauseAfterFailure());
        }
    }

    /**
     * On this class's thread: gives up the leases that waited longer than {@link #RELEASE_DELAY} for
     * a round to carry them, or that a failed request left pending; the pause does not hold them.
     */
    void releaseOverdue() {
        long now = System.nanoTime();
        if (now - releasesPausedUntil < 0) {
            return;
        }
        List<Pending> giving = drainPending(now - RELEASE_DELAY.toNanos());
        if (giving.isEmpty()) {
            return;
        }
        try {
            request(giving, List.of());
        } catch (IOException | RuntimeException e) {
            retryLater(giving);
            releasesPausedUntil = System.nanoTime() + RELEASE_RETRY.toNanos();
            LOG.warnf("cannot give %d leases back to the coordinator at %s (%s); retrying in %s", giving.size(),
                    endpoint, reason(e), RELEASE_RETRY);
        }
    }

    /** The pending leases handed over by {@code until} (a nanoTime), up to the coordinator's limit. */
    private List<Pending> drainPending(long until) {
        List<Pending> out = new ArrayList<>();
        for (Pending next = pending.peek(); next != null && out.size() < MAX_RELEASES && next.since() - until <= 0;
                next = pending.peek()) {
            if (pending.remove(next)) {
                out.add(next);
            }
        }
        return out;
    }

    private void retryLater(List<Pending> giving) {
        if (!giving.isEmpty()) {
            releaseRetried.increment(giving.size());
            pending.addAll(giving);
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A dispatch that runs at once (no continuation) and locks something while it runs. */
    static boolean wantsLease(TaskDispatched d) {
        Resources r = d.resources();
        return d.after() == null && d.lease() == null && d.workerId() != null && r != null
                && !(r.writesLockedWhileRunning().isEmpty() && r.reads().isEmpty());
    }

    /**
     * Gives up {@code giving}, then asks for the locks of {@code wanting}: the coordinator's answer per
     * dispatch, its lease, or null where something holds its paths.
     */
    private List<TaskDispatched.LeaseGrant> request(List<Pending> giving, List<TaskDispatched> wanting)
            throws IOException {
        List<Map<String, Object>> requests = new ArrayList<>();
        for (TaskDispatched d : wanting) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("owner", d.workerId());
            item.put("holder", d.holder());
            item.put("writes", d.resources().writesLockedWhileRunning());
            item.put("reads", d.resources().reads());
            item.put("leaseMs", config.lease().toMillis());
            requests.add(item);
        }
        Map<String, Object> body = Map.of("release", giving.stream().map(Pending::leaseId).toList(),
                "requests", requests);
        PlainHttp.Reply reply = PlainHttp.postJson(endpoint, json.writeValueAsString(body), config.timeout());
        if (reply.status() != 200) {
            throw new IOException("HTTP " + reply.status() + ": " + PlainHttp.excerpt(reply.body()));
        }
        JsonNode answer = json.readTree(reply.body());
        int live = answer.path("released").asInt(0);
        released.increment(live);
        alreadyGone.increment(Math.max(0, giving.size() - live));
        JsonNode results = answer.path("results");
        if (!results.isArray() || results.size() != wanting.size()) {
            throw new IOException("expected " + wanting.size() + " results, got: "
                    + PlainHttp.excerpt(results.toString()));
        }
        List<TaskDispatched.LeaseGrant> leases = new ArrayList<>();
        for (JsonNode result : results) {
            leases.add(result.path("granted").asBoolean(false) ? new TaskDispatched.LeaseGrant(
                    result.path("leaseId").asText(), result.path("token").asLong(),
                    Instant.parse(result.path("expiresAt").asText())) : null);
        }
        return leases;
    }
}
