package dev.genesis.queue.scheduling;

import dev.genesis.common.spec.SpecLimits;
import dev.genesis.queue.config.QueueConfig;
import dev.genesis.queue.messaging.Publisher;
import dev.genesis.queue.store.Db;
import dev.genesis.queue.store.TableUpkeep;
import dev.genesis.queue.store.TaskRow;
import dev.genesis.queue.store.TaskStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The periodic part of scheduling, on the dispatching instance only: dispatches never started are
 * re-queued, running attempts far past their timeout are failed with cause {@code timeout}, READY
 * tasks age (their effective priority grows with their wait, so none starves), and the queue
 * depth gauge is refreshed. Every query reads a partial index. Every 5 s the hot tables are vacuumed
 * when the server's autovacuum is off ({@link TableUpkeep}).
 */
@ApplicationScoped
public class Sweeper {

    private final Db db;
    private final TaskStore tasks;
    private final TaskTransitions transitions;
    private final Publisher publisher;
    private final Dispatcher dispatcher;
    private final QueueConfig config;
    private final TableUpkeep upkeep;
    private final AtomicLong depth = new AtomicLong();
    /**
     * After a restart the events of attempts that started (or even finished) while this instance
     * was down may still be unread: the task-event partitions come back only when the old
     * consumer's session has timed out. Until then a DISPATCHED task is not proof of a lost
     * dispatch, and re-queuing it would run it twice.
     */
    private final Instant recoveringUntil;

    public Sweeper(Db db, TaskStore tasks, TaskTransitions transitions, Publisher publisher, Dispatcher dispatcher,
            QueueConfig config, TableUpkeep upkeep, MeterRegistry registry) {
        this.db = db;
        this.tasks = tasks;
        this.transitions = transitions;
        this.publisher = publisher;
        this.dispatcher = dispatcher;
        this.config = config;
        this.upkeep = upkeep;
        this.recoveringUntil = Instant.now().plus(config.dispatchTimeout()).plusSeconds(10);
        Gauge.builder("genesis.queue.depth", depth, AtomicLong::get).description("READY tasks waiting")
                .register(registry);
    }

    /** Only the dispatching instance, so that two instances never vacuum the same table at once. */
    @Scheduled(every = "5s", delay = 5, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void upkeep() {
        if (dispatcher.isLeader()) {
            upkeep.vacuumIfNeeded();
        }
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!dispatcher.isLeader()) {
            return;
        }
        Changes changes = db.inTransaction(c -> {
            Changes fresh = new Changes();
            Instant now = Instant.now();
            List<TaskRow> overdue = now.isBefore(recoveringUntil) ? List.of()
                    : tasks.overdue(c, config.dispatchTimeout().toMillis(), config.runningGrace().toMillis());
            for (TaskRow row : overdue) {
                if (row.state() == dev.genesis.common.state.TaskState.DISPATCHED) {
                    transitions.requeue(c, fresh, row, now);
                } else {
                    transitions.fail(c, fresh, row, "timeout", "no result within " + row.timeoutMs() + " ms", true, now);
                }
            }
            transitions.finishRuns(c, fresh, now);
            if (config.agingSeconds() > 0 && tasks.age(c, config.agingSeconds(), SpecLimits.MAX_PRIORITY) > 0) {
                // A raised task may now come first: let the next round order by the new values.
                fresh.wakeDispatcher = true;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM tasks WHERE state = 'READY'");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                depth.set(rs.getLong(1));
            }
            return fresh;
        });
        publisher.publish(changes.outbox());
        if (changes.wakeDispatcher) {
            dispatcher.wake();
        }
    }
}
