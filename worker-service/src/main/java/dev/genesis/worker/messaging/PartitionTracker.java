package dev.genesis.worker.messaging;

import dev.genesis.common.kafka.Topics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Default;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** Knows which partitions of {@code genesis.tasks.ready} this worker owns; the heartbeat reports them. */
@ApplicationScoped
@Default // the heartbeat and the API inject it plainly; the connector by its identifier
@Identifier(PartitionTracker.NAME)
public class PartitionTracker implements KafkaConsumerRebalanceListener {

    /** The name {@code consumer-rebalance-listener.name} refers to. */
    public static final String NAME = "genesis-workers-rebalance";

    /** Fired after an assignment, so that a heartbeat tells the queue at once. */
    public record PartitionsAssigned(List<Integer> partitions) {
    }

    private final Set<Integer> owned = new ConcurrentSkipListSet<>();
    private final Event<PartitionsAssigned> assigned;

    public PartitionTracker(Event<PartitionsAssigned> assigned) {
        this.assigned = assigned;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            if (Topics.TASKS_READY.equals(tp.topic())) {
                // Resolve the starting offset now (auto.offset.reset=latest): a dispatch sent right
                // after the heartbeat below must not fall before it.
                consumer.position(tp);
                owned.add(tp.partition());
            }
        }
        assigned.fire(new PartitionsAssigned(partitions()));
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> owned.remove(tp.partition()));
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }

    public List<Integer> partitions() {
        return List.copyOf(new TreeSet<>(owned));
    }
}
