package dev.genesis.worker.messaging;

import dev.genesis.common.kafka.Topics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Which partitions of {@code genesis.tasks.ready} this worker owns, and how far it has taken each:
 * the heartbeat reports the partitions, the consumer asks {@link #take} before it runs a record.
 *
 * <p>A dispatch must run once even when a worker joins or leaves and its partition moves. So the
 * offsets taken are committed synchronously when a partition is revoked, before the group hands
 * it on, and a record of a partition no longer owned (in flight when it was revoked) is not taken:
 * the new owner reads it from the committed offset. After an assignment the consumer starts from
 * the committed offset, so a record the connector dropped from its buffer at the revoke is read
 * again rather than lost, and a stale copy of one already taken is refused by its offset.
 */
@ApplicationScoped
@Default // the heartbeat and the API inject it plainly; the connector by its identifier
@Identifier(PartitionTracker.NAME)
public class PartitionTracker implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(PartitionTracker.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);

    /** The name {@code consumer-rebalance-listener.name} refers to. */
    public static final String NAME = "genesis-workers-rebalance";

    /** Fired after an assignment, so that a heartbeat tells the queue at once. */
    public record PartitionsAssigned(List<Integer> partitions) {
    }

    /** Per owned partition: the next offset to take, and the last one committed. Guarded by this. */
    private final Map<Integer, Long> next = new HashMap<>();
    private final Map<Integer, Long> committed = new HashMap<>();
    private final java.util.function.Consumer<PartitionsAssigned> assigned;

    @Inject
    public PartitionTracker(Event<PartitionsAssigned> assigned) {
        this(assigned::fire);
    }

    PartitionTracker(java.util.function.Consumer<PartitionsAssigned> assigned) {
        this.assigned = assigned;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<TopicPartition> ready = readyPartitions(partitions);
        // A partition kept through the rebalance keeps its fetch position, past records the
        // connector dropped at the revoke: go back to what was committed (= taken) instead.
        consumer.committed(ready).forEach((tp, offset) -> {
            if (offset != null) {
                consumer.seek(tp, offset);
            }
        });
        for (TopicPartition tp : ready) {
            // Resolved now (auto.offset.reset=latest without a commit): a dispatch sent right after
            // the heartbeat below must not fall before it.
            long position = consumer.position(tp);
            synchronized (this) {
                next.put(tp.partition(), position);
                committed.put(tp.partition(), position);
            }
        }
        assigned.accept(new PartitionsAssigned(partitions()));
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> taken = release(partitions);
        if (taken.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(taken, COMMIT_TIMEOUT);
        } catch (KafkaException e) {
            // The group moved on without this member (its session expired): the new owner may
            // read these dispatches again; a dispatch whose worker is gone is dropped (PeerWorkers).
            LOG.warnf("could not commit the dispatches taken from %s before handing them on: %s", taken.keySet(), e);
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // Already someone else's: a commit would be refused.
        release(partitions);
    }

    /**
     * Whether the record at {@code offset} of {@code partition} is this worker's to run: the
     * partition is owned, and the offset has not been taken before. Each offset is taken once.
     */
    public synchronized boolean take(int partition, long offset) {
        Long expected = next.get(partition);
        if (expected == null || offset < expected) {
            return false;
        }
        next.put(partition, offset + 1);
        return true;
    }

    /** The offsets taken since the last call, per owned partition, to commit. */
    public synchronized Map<TopicPartition, OffsetAndMetadata> uncommitted() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((partition, offset) -> {
            if (offset > committed.getOrDefault(partition, -1L)) {
                offsets.put(new TopicPartition(Topics.TASKS_READY, partition), new OffsetAndMetadata(offset));
                committed.put(partition, offset);
            }
        });
        return offsets;
    }

    public synchronized List<Integer> partitions() {
        return List.copyOf(new TreeSet<>(next.keySet()));
    }

    /** Gives the partitions up; returns the offsets taken from them, to commit. */
    private synchronized Map<TopicPartition, OffsetAndMetadata> release(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> taken = new HashMap<>();
        for (TopicPartition tp : readyPartitions(partitions)) {
            Long offset = next.remove(tp.partition());
            committed.remove(tp.partition());
            if (offset != null) {
                taken.put(tp, new OffsetAndMetadata(offset));
            }
        }
        return taken;
    }

    private static Set<TopicPartition> readyPartitions(Collection<TopicPartition> partitions) {
        Set<TopicPartition> ready = new HashSet<>();
        for (TopicPartition tp : partitions) {
            if (Topics.TASKS_READY.equals(tp.topic())) {
                ready.add(tp);
            }
        }
        return ready;
    }
}
