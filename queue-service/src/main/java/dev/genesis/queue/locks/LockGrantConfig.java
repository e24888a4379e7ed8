package dev.genesis.queue.locks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the queue takes the locks of the tasks it dispatches ({@link LockGrants}). */
@ConfigMapping(prefix = "genesis.queue.lock-grants")
public interface LockGrantConfig {

    /** Whether the queue takes a dispatch round's locks itself; off, each worker asks for its own. */
    @WithDefault("true")
    boolean enabled();

    /** The coordinator whose lock table the workers use. */
    @WithDefault("http://localhost:8082")
    String coordinatorUrl();

    /**
     * Length of a lease taken at dispatch; the worker that runs the attempt renews it from there.
     * Keep it at least the workers' {@code genesis.worker.lock-lease}.
     */
    @WithDefault("30s")
    Duration lease();

    /** How long a round waits for the coordinator's answer before it sends its dispatches without leases. */
    @WithDefault("1s")
    Duration timeout();

    /** After a failed request, rounds send their dispatches without leases for this long. */
    @WithDefault("5s")
    Duration pauseAfterFailure();
}
