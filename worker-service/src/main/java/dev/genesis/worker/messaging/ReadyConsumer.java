package dev.genesis.worker.messaging;

import dev.genesis.common.events.EventCodec;
import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.TaskCancelRequested;
import dev.genesis.common.events.TaskDispatchBatch;
import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.events.UnreadableEventException;
import dev.genesis.common.kafka.Topics;
import dev.genesis.worker.execution.SlotPool;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes dispatches (one per record, or several of one run in a {@link TaskDispatchBatch}) and
 * cancel requests off {@code genesis.tasks.ready}. A record runs only when
 * {@link PartitionTracker#take} gives it to this worker (its partition is still owned and its
 * offset not taken before); its offset is then committed at once: a crashed worker's attempts are
 * recovered by the coordinator, not by Kafka redelivery. Never blocks: dispatches wait in the
 * slot pool's local queue.
 */
@ApplicationScoped
public class ReadyConsumer {

    private static final Logger LOG = Logger.getLogger(ReadyConsumer.class);

    private final EventCodec codec = new EventCodec("/genesis/worker");
    private final SlotPool slots;
    private final EventPublisher publisher;
    private final PartitionTracker partitions;
    private final TakenOffsetCommitter commits;

    public ReadyConsumer(SlotPool slots, EventPublisher publisher, PartitionTracker partitions,
            TakenOffsetCommitter commits) {
        this.slots = slots;
        this.publisher = publisher;
        this.partitions = partitions;
        this.commits = commits;
    }

    /** Offsets are committed by {@link TakenOffsetCommitter} and on revoke, not by acks (commit-strategy=ignore). */
    @Incoming(Topics.TASKS_READY)
    public CompletionStage<Void> consume(Message<String> message) {
        Optional<IncomingKafkaRecordMetadata> record = message.getMetadata(IncomingKafkaRecordMetadata.class);
        if (record.isPresent() && !partitions.take(record.get().getPartition(), record.get().getOffset())) {
            // In flight when its partition moved (the new owner reads it), or a copy of one taken.
            LOG.debugf("record %d of partition %d not taken: partition given up or offset taken before",
                    record.get().getOffset(), record.get().getPartition());
            return CompletableFuture.completedFuture(null);
        }
        String key = record.map(m -> m.getKey() == null ? null : m.getKey().toString()).orElse(null);
        handle(key, message.getPayload());
        commits.request();
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
        List<GenesisEvent> parts = event.get() instanceof TaskDispatchBatch batch
                ? List.<GenesisEvent>copyOf(batch.dispatches()) : List.of(event.get());
        // Each dispatch of a batch on its own: one that makes no sense does not hold back the
        // others; the record goes to the dead-letter topic once, naming every part that failed.
        List<String> failures = new ArrayList<>();
        for (GenesisEvent part : parts) {
            try {
                if (part instanceof TaskDispatched dispatch) {
                    slots.submit(dispatch);
                } else if (part instanceof TaskCancelRequested cancel) {
                    slots.cancel(cancel);
                }
            } catch (RuntimeException e) {
                failures.add(describe(part) + ": " + e);
            }
        }
        if (!failures.isEmpty()) {
            // a record whose fields make no sense (no run id, say) must not stop consumption
            LOG.warnf("record on %s could not be processed: %s", Topics.TASKS_READY, failures);
            publisher.deadLetter(key, value, "not processable: " + String.join("; ", failures));
        }
    }

    private static String describe(GenesisEvent event) {
        return event instanceof TaskDispatched d ? "dispatch of " + d.taskId() + " attempt " + d.attempt()
                : event.getClass().getSimpleName();
    }
}
