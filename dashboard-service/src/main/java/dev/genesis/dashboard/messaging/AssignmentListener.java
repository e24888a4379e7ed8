package dev.genesis.dashboard.messaging;

import dev.genesis.dashboard.bootstrap.QueueBootstrap;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumers start at the end of their topics, and only once they own partitions; whatever
 * happened between the start-up load and that moment is in no event the board will see. So each
 * assignment asks for the newest runs to be loaded from queue-service again.
 */
@ApplicationScoped
@Identifier(AssignmentListener.NAME)
public class AssignmentListener implements KafkaConsumerRebalanceListener {

    static final String NAME = "genesis-dashboard-assignment";

    private final QueueBootstrap bootstrap;

    public AssignmentListener(QueueBootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            bootstrap.reseed();
        }
    }
}
