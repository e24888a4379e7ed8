package dev.genesis.worker.messaging;

import dev.genesis.common.concurrent.DaemonThreads;
import dev.genesis.common.kafka.Topics;
import dev.genesis.worker.config.WorkerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Commits the offsets of dispatches this worker has taken, soon after it takes them, so that a
 * worker that dies leaves little to read again (and what is read again is dropped if it was
 * addressed to the dead worker, see {@code PeerWorkers}). The commit runs on the consumer's
 * polling thread and reads the offsets there from {@link PartitionTracker}: after a revoke it
 * commits nothing for the partitions given up (the revoke committed them), so a late commit
 * never moves a new owner's offset back. Requests while one is queued are merged, and commits are
 * at least {@code genesis.worker.offset-commit-interval} apart: under load one commit covers
 * every dispatch taken in that time instead of costing the broker a request per dispatch.
 */
@ApplicationScoped
public class TakenOffsetCommitter {

    private static final Logger LOG = Logger.getLogger(TakenOffsetCommitter.class);

    private final PartitionTracker partitions;
    private final KafkaClientService clients;
    private final long intervalNanos;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicLong lastCommitNanos;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("genesis-offset-commit"));

    public TakenOffsetCommitter(PartitionTracker partitions, KafkaClientService clients, WorkerConfig config) {
        this.partitions = partitions;
        this.clients = clients;
        this.intervalNanos = config.offsetCommitInterval().toNanos();
        this.lastCommitNanos = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    void onStop(@Observes ShutdownEvent event) {
        later.shutdownNow();
    }

    /** Asks for a commit of everything taken so far: now, or when the interval since the last one has passed. */
    public void request() {
        if (!queued.compareAndSet(false, true)) {
            return;
        }
        long waitNanos = lastCommitNanos.get() + intervalNanos - System.nanoTime();
        if (waitNanos <= 0) {
            commit();
        } else {
            try {
                later.schedule(this::commit, waitNanos, TimeUnit.NANOSECONDS);
            } catch (RuntimeException stopping) {
                queued.set(false); // shut down: the revoke at close commits what was taken
            }
        }
    }

    private void commit() {
        clients.<String, String>getConsumer(Topics.TASKS_READY).runOnPollingThread(consumer -> {
            queued.set(false);
            lastCommitNanos.set(System.nanoTime());
            Map<TopicPartition, OffsetAndMetadata> offsets = partitions.uncommitted();
            if (!offsets.isEmpty()) {
                consumer.commitAsync(offsets, (done, failure) -> {
                    if (failure != null) {
                        LOG.debugf("commit of taken dispatches %s failed: %s", done, failure.toString());
                    }
                });
            }
        }).subscribe().with(ignored -> {
        }, failure -> {
            queued.set(false);
            LOG.warnf("could not schedule the commit of taken dispatches: %s", failure.toString());
        });
    }
}
