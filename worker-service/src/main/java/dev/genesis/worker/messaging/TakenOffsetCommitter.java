package dev.genesis.worker.messaging;

import dev.genesis.common.kafka.Topics;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Commits the offsets of dispatches this worker has taken, soon after it takes them, so that a
 * worker that dies leaves little to read again (and what is read again is dropped if it was
 * addressed to the dead worker, see {@code PeerWorkers}). The commit runs on the consumer's
 * polling thread and reads the offsets there from {@link PartitionTracker}: after a revoke it
 * commits nothing for the partitions given up (the revoke committed them), so a late commit
 * never moves a new owner's offset back. Requests while one is queued are merged.
 */
@ApplicationScoped
public class TakenOffsetCommitter {

    private static final Logger LOG = Logger.getLogger(TakenOffsetCommitter.class);

    private final PartitionTracker partitions;
    private final KafkaClientService clients;
    private final AtomicBoolean queued = new AtomicBoolean();

    public TakenOffsetCommitter(PartitionTracker partitions, KafkaClientService clients) {
        this.partitions = partitions;
        this.clients = clients;
    }

    /** Asks for a commit of everything taken so far. */
    public void request() {
        if (!queued.compareAndSet(false, true)) {
            return;
        }
        clients.<String, String>getConsumer(Topics.TASKS_READY).runOnPollingThread(consumer -> {
            queued.set(false);
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
