package dev.genesis.dashboard.coordinator;

import dev.genesis.common.concurrent.DaemonThreads;
import dev.genesis.dashboard.board.Board;
import dev.genesis.dashboard.board.ConflictView;
import dev.genesis.dashboard.board.LocksView;
import dev.genesis.dashboard.config.DashboardConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reads the locks, the waiting lock requests and the newest conflicts from coordinator-service
 * every {@code genesis.dashboard.coordinator-poll} into the board, which sends what changed to
 * the pages. The coordinator publishes no events about them, so polling it is the only way; the
 * lists are short and the calls cheap. Calls run on one background thread; a coordinator that
 * does not answer leaves the last known lists on the board, marked unreachable.
 */
@ApplicationScoped
public class CoordinatorPoller {

    private static final Logger LOG = Logger.getLogger(CoordinatorPoller.class);

    private final Board board;
    private final DashboardConfig config;
    private final CoordinatorApi coordinator;
    private final Clock clock = Clock.systemUTC();
    /** When each lease was first seen, for coordinators that do not say when they granted it. */
    private Map<String, Instant> firstSeen = new HashMap<>();
    private volatile boolean reachable = true;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("dashboard-coordinator"));

    public CoordinatorPoller(Board board, DashboardConfig config) {
        this.board = board;
        this.config = config;
        long timeoutMs = config.coordinatorTimeout().toMillis();
        this.coordinator = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.coordinatorUrl()))
                .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .build(CoordinatorApi.class);
    }

    void onStart(@Observes StartupEvent event) {
        long everyMs = config.coordinatorPoll().toMillis();
        executor.scheduleWithFixedDelay(this::poll, 0, everyMs, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    /**
     * One conflict with its contents, as the coordinator's JSON.
     *
     * @throws WebApplicationException with the coordinator's status when it answered with an error
     * @throws RuntimeException when it could not be reached
     */
    public String conflictDetail(long id) {
        return coordinator.conflict(id);
    }

    /** Reads the coordinator once; never throws, so that the schedule goes on. */
    void poll() {
        Instant now = clock.instant();
        try {
            List<CoordinatorApi.Lease> leases = coordinator.locks();
            List<CoordinatorApi.Waiting> waiting = waiting();
            board.updateLocks(new LocksView(true, now, LockTable.held(leases, firstSeen(leases, now)),
                    LockTable.waiting(waiting, leases)));
            board.updateConflicts(coordinator.conflicts(config.conflictsShown()).stream()
                    .map(CoordinatorPoller::view).toList());
            recovered();
        } catch (RuntimeException e) {
            LocksView last = board.locks();
            board.updateLocks(new LocksView(false, now, last.held(), last.waiting()));
            unreachable(e);
        }
    }

    /** A coordinator from before the waiting list answers 404: it then has no waiters to show. */
    private List<CoordinatorApi.Waiting> waiting() {
        try {
            return coordinator.waiting();
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    private Map<String, Instant> firstSeen(List<CoordinatorApi.Lease> leases, Instant now) {
        Map<String, Instant> next = new HashMap<>();
        for (CoordinatorApi.Lease lease : leases) {
            next.put(lease.leaseId(), firstSeen.getOrDefault(lease.leaseId(), now));
        }
        firstSeen = next;
        return next;
    }

    private static ConflictView view(CoordinatorApi.Conflict c) {
        return new ConflictView(c.id(), c.kind(), c.runId(), c.taskId(), c.attempt(), c.holder(), c.path(),
                c.baseVersion(), c.currentVersion(), c.createdAt(), "/api/conflicts/" + c.id());
    }

    private void recovered() {
        if (!reachable) {
            LOG.infof("coordinator-service at %s is reachable again", config.coordinatorUrl());
            reachable = true;
        }
    }

    /** Logs the first failure loudly and the repeats quietly, so a down coordinator does not flood the log. */
    private void unreachable(RuntimeException e) {
        if (reachable) {
            LOG.warnf("coordinator-service at %s is unreachable (%s); locks and conflicts are not current",
                    config.coordinatorUrl(), e.getMessage());
            reachable = false;
        } else {
            LOG.debugf("coordinator-service still unreachable: %s", e.getMessage());
        }
    }
}
