package dev.genesis.dashboard.bootstrap;

import dev.genesis.common.concurrent.DaemonThreads;
import dev.genesis.dashboard.board.Board;
import dev.genesis.dashboard.board.RunSnapshot;
import dev.genesis.dashboard.config.DashboardConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Loads runs from queue-service: the newest ones at start, so that a restarted dashboard shows
 * the true state, and any run an event names before the board knows its tasks. Calls run on one
 * background thread; while the queue is unreachable the work is retried every
 * {@code genesis.dashboard.bootstrap-retry} and start-up never waits for it.
 */
@ApplicationScoped
public class QueueBootstrap {

    private static final Logger LOG = Logger.getLogger(QueueBootstrap.class);

    private final Board board;
    private final DashboardConfig config;
    private final QueueApi queue;
    private final Set<UUID> pending = ConcurrentHashMap.newKeySet();
    /** Runs the queue answered 404 for: not asked again, so their events do not each cost a call. */
    private final Set<UUID> unknownToQueue = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("dashboard-bootstrap"));
    private volatile boolean seeded;
    /** A reload is already queued; a burst of partition assignments makes one reload. */
    private final AtomicBoolean reseedQueued = new AtomicBoolean();
    private volatile boolean reachable = true;

    public QueueBootstrap(Board board, DashboardConfig config) {
        this.board = board;
        this.config = config;
        long timeoutMs = config.queueTimeout().toMillis();
        this.queue = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.queueUrl()))
                .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .build(QueueApi.class);
    }

    void onStart(@Observes StartupEvent event) {
        long retryMs = config.bootstrapRetry().toMillis();
        executor.scheduleWithFixedDelay(this::catchUp, 0, retryMs, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    /** Asks for a run's definition; repeated requests for the same run are merged. */
    public void requestRun(UUID runId) {
        // Bounded: while the queue is down, at most a board's worth of runs wait.
        if (!unknownToQueue.contains(runId) && pending.size() < config.maxRuns() && pending.add(runId)) {
            executor.execute(this::fetchPending);
        }
    }

    /**
     * Loads one run now, on the caller's thread: a run submitted a moment ago may be asked for
     * before its first event reaches the board. Returns whether the board now holds it; a run
     * the queue answered 404 for is not asked again.
     */
    public boolean loadNow(UUID runId) {
        return !unknownToQueue.contains(runId) && load(runId) == Loaded.YES;
    }

    /** Loads the newest runs again (after a partition assignment); a queue that is down is retried as at start. */
    public void reseed() {
        if (reseedQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                reseedQueued.set(false);
                seeded = false;
                catchUp();
            });
        }
    }

    /** Whether the newest runs have been loaded from queue-service. */
    public boolean seeded() {
        return seeded;
    }

    private void catchUp() {
        if (!seeded) {
            seed();
        }
        fetchPending();
    }

    private void seed() {
        try {
            QueueApi.RunPage page = queue.list(config.bootstrapRuns());
            int loaded = 0;
            if (page != null && page.items() != null) {
                for (RunSnapshot item : page.items()) {
                    board.merge(queue.get(item.id()));
                    loaded++;
                }
            }
            seeded = true;
            recovered();
            LOG.infof("Loaded %d runs from queue-service at %s", loaded, config.queueUrl());
        } catch (RuntimeException e) {
            unreachable(e);
        }
    }

    private void fetchPending() {
        for (UUID runId : pending) {
            if (load(runId) == Loaded.UNREACHABLE) {
                return;
            }
            pending.remove(runId);
        }
    }

    /** What asking the queue for one run came to. */
    private enum Loaded { YES, UNKNOWN, UNREACHABLE }

    /** Asks the queue for one run and merges it into the board. */
    private Loaded load(UUID runId) {
        try {
            board.merge(queue.get(runId));
            recovered();
            return Loaded.YES;
        } catch (WebApplicationException e) {
            rememberUnknown(runId, e);
            return Loaded.UNKNOWN;
        } catch (RuntimeException e) {
            unreachable(e);
            return Loaded.UNREACHABLE;
        }
    }

    /** 404: the queue does not know the run (any more); events alone will have to do. */
    private void rememberUnknown(UUID runId, WebApplicationException e) {
        if (unknownToQueue.size() >= config.maxRuns()) {
            unknownToQueue.clear();
        }
        unknownToQueue.add(runId);
        LOG.debugf("queue-service answered %d for run %s", e.getResponse().getStatus(), runId);
    }

    private void recovered() {
        if (!reachable) {
            LOG.infof("queue-service at %s is reachable again", config.queueUrl());
            reachable = true;
        }
    }

    /** Logs the first failure loudly and the repeats quietly, so a down queue does not flood the log. */
    private void unreachable(RuntimeException e) {
        if (reachable) {
            LOG.warnf("queue-service at %s is unreachable (%s); retrying every %s", config.queueUrl(),
                    e.getMessage(), config.bootstrapRetry());
            reachable = false;
        } else {
            LOG.debugf("queue-service still unreachable: %s", e.getMessage());
        }
    }
}
