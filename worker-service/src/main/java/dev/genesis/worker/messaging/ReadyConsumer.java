package dev.genesis.worker.messaging;

import dev.genesis.common.events.EventCodec;
import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.TaskCancelRequested;
import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.events.UnreadableEventException;
import dev.genesis.common.kafka.Topics;
import dev.genesis.worker.execution.SlotPool;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes dispatches and cancel requests off {@code genesis.tasks.ready}. Each record is acked as
 * soon as it is taken: a crashed worker's attempts are recovered by the coordinator, not by
 * Kafka redelivery. Never blocks: dispatches wait in the slot pool's local queue.
 */
@ApplicationScoped
public class ReadyConsumer {

    private static final Logger LOG = Logger.getLogger(ReadyConsumer.class);

    private final EventCodec codec = new EventCodec("/genesis/worker");
    private final SlotPool slots;
    private final EventPublisher publisher;

    public ReadyConsumer(SlotPool slots, EventPublisher publisher) {
        this.slots = slots;
        this.publisher = publisher;
    }

    @Incoming(Topics.TASKS_READY)
    public CompletionStage<Void> consume(Message<String> message) {
        String key = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getKey() == null ? null : m.getKey().toString()).orElse(null);
        handle(key, message.getPayload());
        return message.ack();
    }

    void handle(String key, String value) {
        Optional<GenesisEvent> event;
        try {
            event = codec.decode(value);
        } catch (UnreadableEventException e) {
            LOG.warnf("unreadable record on %s sent to %s: %s", Topics.TASKS_READY, Topics.TASKS_DLQ, e.getMessage());
            publisher.deadLetter(key, value, e.getMessage());
            return;
        }
        if (event.isEmpty()) {
            return; // a newer producer's type: skip
        }
        try {
            if (event.get() instanceof TaskDispatched dispatch) {
                slots.submit(dispatch);
            } else if (event.get() instanceof TaskCancelRequested cancel) {
                slots.cancel(cancel);
            }
        } catch (RuntimeException e) {
            // a record whose fields make no sense (no run id, say) must not stop consumption
            LOG.warnf("record on %s could not be processed: %s", Topics.TASKS_READY, e.toString());
            publisher.deadLetter(key, value, "not processable: " + e);
        }
    }
}
