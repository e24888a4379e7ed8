package dev.genesis.coordinator.locks;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The acquire requests in flight in this coordinator instance, so that people can see who waits
 * for which paths. Redis holds only granted leases: a waiter lives in the instance that polls for
 * its grant, so with several coordinator instances each one lists its own waiters.
 */
@ApplicationScoped
public class LockWaits {

    /** One request still waiting for its whole set; {@code mode} is "write" when it wants any write path. */
    public record Waiting(String owner, String holder, List<String> writes, List<String> reads, String mode,
            Instant since) {
    }

    private final Clock clock = Clock.systemUTC();
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Waiting> waiting = new ConcurrentHashMap<>();

    /** Notes a request as waiting; answers the ticket to hand to {@link #end}. */
    public long begin(LockRequest request) {
        long id = ids.incrementAndGet();
        waiting.put(id, new Waiting(request.owner(), request.holder(), request.writes(), request.reads(),
                request.writes().isEmpty() ? "read" : "write", clock.instant()));
        return id;
    }

    /** The request was granted or given up. */
    public void end(long ticket) {
        waiting.remove(ticket);
    }

    public List<Waiting> list() {
        return waiting.values().stream().sorted(Comparator.comparing(Waiting::since)).toList();
    }
}
