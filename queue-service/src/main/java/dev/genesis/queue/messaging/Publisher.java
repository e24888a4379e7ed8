package dev.genesis.queue.messaging;

import dev.genesis.common.events.EventCodec;
import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.json.Json;
import dev.genesis.common.kafka.Topics;
import dev.genesis.queue.config.QueueConfig;
import dev.genesis.queue.metrics.QueueMetrics;
import dev.genesis.queue.scheduling.CapacityView;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/** Sends what the queue has to say on Kafka: dispatches, cancel requests, run events, dead letters. */
@ApplicationScoped
public class Publisher {

    private static final Logger LOG = Logger.getLogger(Publisher.class);

    private final EventCodec codec = new EventCodec("/genesis/queue");
    private final Emitter<String> ready;
    private final Emitter<String> runs;
    private final Emitter<String> dlq;
    private final CapacityView capacity;
    private final QueueMetrics metrics;
    /** Most changes per state batch record; 1 sends each change as a record of its own. */
    private final int maxChangesPerRecord;

    public Publisher(@Channel(Topics.TASKS_READY) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<String> ready,
            @Channel(Topics.RUNS_EVENTS) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<String> runs,
            @Channel(Topics.TASKS_DLQ) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<String> dlq,
            CapacityView capacity, QueueMetrics metrics, QueueConfig config) {
        this.ready = ready;
        this.runs = runs;
        this.dlq = dlq;
        this.capacity = capacity;
        this.metrics = metrics;
        this.maxChangesPerRecord = config.batchStateChanges() ? RunEventRecords.MAX_CHANGES : 1;
    }

    /** Call only after the transaction that filled the outbox committed. */
    public void publish(Outbox outbox) {
        for (DispatchRecords.Record r : DispatchRecords.of(outbox.dispatches, codec::encode)) {
            send(ready, r.event().key(), r.value(), r.partition());
        }
        for (var cancel : outbox.cancels) {
            // The cancel must reach the worker running the attempt: one of its partitions.
            Integer partition = capacity.anyPartitionOf(cancel.workerId());
            send(ready, cancel, partition);
        }
        for (RunEventRecords.Record r : RunEventRecords.of(outbox.runEvents, codec::encode,
                maxChangesPerRecord, RunEventRecords.MAX_CHARS)) {
            send(runs, r.event().key(), r.value(), null);
        }
        metrics.published(outbox);
    }

    /** Parks a record nobody can read on the dead-letter topic, with the reason, so consumption goes on. */
    public void deadLetter(String source, String value, String reason) {
        metrics.deadLettered(source);
        Map<String, Object> wrapper = new LinkedHashMap<>();
        wrapper.put("source", source);
        wrapper.put("reason", reason);
        wrapper.put("value", value);
        try {
            dlq.send(Json.mapper().writeValueAsString(wrapper));
        } catch (Exception e) {
            LOG.errorf(e, "cannot dead-letter a record from %s", source);
        }
    }

    private void send(Emitter<String> emitter, GenesisEvent event, Integer partition) {
        send(emitter, event.key(), codec.encode(event), partition);
    }

    private static void send(Emitter<String> emitter, String key, String value, Integer partition) {
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(key);
        if (partition != null) {
            metadata.withPartition(partition);
        }
        emitter.send(Message.of(value).addMetadata(metadata.build()));
    }
}
