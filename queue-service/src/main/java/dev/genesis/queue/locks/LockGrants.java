package dev.genesis.queue.locks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.http.PlainHttp;
import dev.genesis.common.json.Json;
import dev.genesis.common.spec.Resources;
import dev.genesis.queue.messaging.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Nothing here decides who may run: the round already sent no two conflicting tasks, and a lock
 * held outside Genesis leaves its task without a lease, for the worker to ask and wait as before.
 * So a failure only costs the shortcut: the dispatches go out without leases (never later than
 * {@code timeout}), and rounds skip the request for {@code pause-after-failure}. Continuations are
 * left to their workers: they start only when the attempt they follow succeeds.
 */
@ApplicationScoped
public class LockGrants {

    private static final Logger LOG = Logger.getLogger(LockGrants.class);
    /** The coordinator's limit per request. */
    static final int MAX_PER_REQUEST = 256;

    private final LockGrantConfig config;
    private final ObjectMapper json = Json.mapper();
    private final String endpoint;
    private final Counter granted;
    private final Counter held;
    private final Counter failed;
    private volatile long pausedUntil = System.nanoTime();

    public LockGrants(LockGrantConfig config, MeterRegistry registry) {
        this.config = config;
        this.endpoint = PlainHttp.url(config.coordinatorUrl(), "/api/locks/acquire-each");
        this.granted = outcome(registry, "granted");
        this.held = outcome(registry, "held-elsewhere");
        this.failed = outcome(registry, "not-asked");
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("genesis.queue.lock.grants").tag("outcome", outcome)
                .description("Dispatches with locks, by what the queue's request for them found").register(registry);
    }

    /**
     * Puts a lease into each dispatch of {@code outbox} that runs under locks and could have them
     * now; the others keep none. Never throws.
     */
    public void grant(Outbox outbox) {
        if (!config.enabled()) {
            return;
        }
        List<Integer> wanting = new ArrayList<>();
        List<Outbox.Dispatch> dispatches = outbox.dispatches();
        for (int i = 0; i < dispatches.size() && wanting.size() < MAX_PER_REQUEST; i++) {
            if (wantsLease(dispatches.get(i).event())) {
                wanting.add(i);
            }
        }
        if (wanting.isEmpty()) {
            return;
        }
        if (System.nanoTime() - pausedUntil < 0) {
            failed.increment(wanting.size());
            return;
        }
        try {
            List<TaskDispatched.LeaseGrant> leases = request(wanting.stream().map(i -> dispatches.get(i).event())
                    .toList());
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
            LOG.warnf("dispatching %d tasks without their locks, which their workers take themselves: the "
                    + "coordinator at %s did not grant them (%s); not asking again for %s", wanting.size(), endpoint,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), config.pauseAfterFailure());
        }
    }

    /** A dispatch that runs at once (no continuation) and locks something while it runs. */
    static boolean wantsLease(TaskDispatched d) {
        Resources r = d.resources();
        return d.after() == null && d.lease() == null && d.workerId() != null && r != null
                && !(r.writesLockedWhileRunning().isEmpty() && r.reads().isEmpty());
    }

    /** The coordinator's answer per dispatch: its lease, or null where something holds its paths. */
    private List<TaskDispatched.LeaseGrant> request(List<TaskDispatched> wanting) throws IOException {
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
        PlainHttp.Reply reply = PlainHttp.postJson(endpoint, json.writeValueAsString(Map.of("requests", requests)),
                config.timeout());
        if (reply.status() != 200) {
            throw new IOException("HTTP " + reply.status() + ": " + PlainHttp.excerpt(reply.body()));
        }
        JsonNode results = json.readTree(reply.body()).path("results");
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
