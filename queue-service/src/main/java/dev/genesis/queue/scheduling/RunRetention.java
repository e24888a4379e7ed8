package dev.genesis.queue.scheduling;

import dev.genesis.common.events.RunDeleted;
import dev.genesis.queue.config.QueueConfig;
import dev.genesis.queue.messaging.Outbox;
import dev.genesis.queue.messaging.Publisher;
import dev.genesis.queue.store.Db;
import dev.genesis.queue.store.RunDeletion;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Deletes finished runs, with their tasks, once they finished longer ago than {@code
 * genesis.queue.retention}: without it the tasks table keeps every task ever run, and its indexes
 * and vacuums grow with it. Only the dispatching instance deletes, oldest runs first, in
 * transactions of at most {@code retention-batch-tasks} tasks, for at most a second per check; each
 * deleted run is announced with {@link RunDeleted} after its transaction commits.
 */
@ApplicationScoped
public class RunRetention {

    /** Runs read per batch at most: a batch of small runs stops here before the task limit. */
    private static final int MAX_RUNS_PER_BATCH = 500;
    private static final long CHECK_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Logger LOG = Logger.getLogger(RunRetention.class);

    private final Db db;
    private final RunDeletion deletion;
    private final Publisher publisher;
    private final Dispatcher dispatcher;
    private final Duration retention;
    private final int batchTasks;

    public RunRetention(Db db, RunDeletion deletion, Publisher publisher, Dispatcher dispatcher, QueueConfig config) {
        this.db = db;
        this.deletion = deletion;
        this.publisher = publisher;
        this.dispatcher = dispatcher;
        this.retention = config.retention();
        this.batchTasks = Math.max(1, config.retentionBatchTasks());
    }

    @Scheduled(every = "${genesis.queue.retention-check-every:30s}", delay = 20, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (retention.isZero() || retention.isNegative() || !dispatcher.isLeader()) {
            return;
        }
        long start = System.nanoTime();
        Swept swept = deleteFinishedBefore(Instant.now().minus(retention));
        if (swept.runs() > 0) {
            LOG.infof("deleted %d run(s) with %d task(s) that finished more than %s ago, in %d ms", swept.runs(),
                    swept.tasks(), retention, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** What one check deleted. */
    public record Swept(int runs, long tasks) {
    }

    /**
     * Deletes the runs that finished before {@code cutoff}, batch after batch, until none is left or
     * a second has passed (the next check goes on).
     */
    public Swept deleteFinishedBefore(Instant cutoff) {
        long start = System.nanoTime();
        int runs = 0;
        long tasks = 0;
        List<RunDeletion.Expired> batch;
        do {
            batch = deleteBatch(cutoff, batchTasks);
            runs += batch.size();
            for (RunDeletion.Expired run : batch) {
                tasks += run.taskCount();
            }
        } while (!batch.isEmpty() && System.nanoTime() - start < CHECK_BUDGET_NANOS);
        return new Swept(runs, tasks);
    }

    /** One transaction: the oldest runs that finished before {@code cutoff}, within {@code maxTasks} tasks. */
    public List<RunDeletion.Expired> deleteBatch(Instant cutoff, int maxTasks) {
        Batch batch = db.inTransaction(c -> {
            List<RunDeletion.Expired> expired = deletion.lockExpired(c, cutoff, MAX_RUNS_PER_BATCH, maxTasks);
            List<UUID> ids = new ArrayList<>(expired.size());
            expired.forEach(run -> ids.add(run.id()));
            deletion.delete(c, ids);
            Outbox outbox = new Outbox();
            Instant now = Instant.now();
            for (RunDeletion.Expired run : expired) {
                outbox.runEvent(new RunDeleted(run.id(), run.name(), run.taskCount(), RunDeleted.RETENTION, now));
            }
            return new Batch(expired, outbox);
        });
        publisher.publish(batch.outbox());
        return batch.runs();
    }

    private record Batch(List<RunDeletion.Expired> runs, Outbox outbox) {
    }
}
