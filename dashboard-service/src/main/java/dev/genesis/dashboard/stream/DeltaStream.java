package dev.genesis.dashboard.stream;

import dev.genesis.common.concurrent.DaemonThreads;
import dev.genesis.dashboard.board.Board;
import dev.genesis.dashboard.board.Delta;
import dev.genesis.dashboard.config.DashboardConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Batches the board's changes every {@code genesis.dashboard.stream-interval} and broadcasts each
 * non-empty batch to every connected page. Batching bounds the message rate however busy the
 * cluster is, and each batch carries only what changed.
 */
@ApplicationScoped
public class DeltaStream {

    private static final Logger LOG = Logger.getLogger(DeltaStream.class);
    /** Deltas a slow client may lag behind before its stream fails (the page then reloads). */
    private static final int CLIENT_BUFFER = 256;

    private final Board board;
    private final DashboardConfig config;
    private final BroadcastProcessor<Delta> broadcast = BroadcastProcessor.create();
    private final AtomicInteger clients = new AtomicInteger();
    private final Timer updateLag;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("dashboard-deltas"));

    public DeltaStream(Board board, DashboardConfig config, MeterRegistry registry) {
        this.board = board;
        this.config = config;
        Gauge.builder("genesis.dashboard.sse.clients", clients, AtomicInteger::get)
                .description("Pages connected to the live stream")
                .register(registry);
        // Measured from the oldest event of each batch: the worst wait in it, as a page sees it.
        this.updateLag = Timer.builder("genesis.dashboard.update.lag")
                .description("From a run or task event to the live batch that carries it to the pages")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        long everyMs = config.streamInterval().toMillis();
        ticker.scheduleAtFixedRate(this::tick, everyMs, everyMs, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
        broadcast.onComplete();
    }

    /** A client's stream: a {@code hello} with the totals, then every batch from now on. */
    public Multi<Delta> subscribe() {
        Multi<Delta> live = Multi.createFrom().publisher(broadcast).onOverflow().buffer(CLIENT_BUFFER);
        return Multi.createBy().concatenating()
                .streams(Multi.createFrom().item(board::hello), live)
                .onSubscription().invoke(clients::incrementAndGet)
                .onTermination().invoke(clients::decrementAndGet);
    }

    public int clients() {
        return clients.get();
    }

    private void tick() {
        try {
            board.sweep();
            board.drainDelta().ifPresent(delta -> {
                if (delta.firstEventAt() != null) {
                    // Another host's clock may run ahead: a negative lag counts as none.
                    Duration lag = Duration.between(delta.firstEventAt(), clock.instant());
                    updateLag.record(lag.isNegative() ? Duration.ZERO : lag);
                }
                broadcast.onNext(delta);
            });
        } catch (RuntimeException e) {
            // A failed tick must not cancel the schedule; the next one sends the changes.
            LOG.warn("Could not publish dashboard changes", e);
        }
    }
}
