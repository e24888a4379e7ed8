package dev.genesis.worker.messaging;

import dev.genesis.common.events.EventCodec;
import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.TaskDispatchBatch;
import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.kafka.Topics;
import dev.genesis.worker.execution.WorkerMetrics;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/** Sends this worker's events (task events, heartbeats, dead letters, relays) as CloudEvents, keyed as the contract says. */
@ApplicationScoped
public class EventPublisher {

    /** The channel that forwards relays to {@code genesis.tasks.ready} (a name of its own: the worker also reads that topic). */
    public static final String RELAYS_CHANNEL = "relays-out";

    /** Header of a dead letter that says why it could not be processed. */
    public static final String DLQ_REASON_HEADER = "genesis-dlq-reason";

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final EventCodec codec = new EventCodec("/genesis/worker");
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Emitter<String> taskEvents;
    private final Emitter<String> heartbeats;
    private final Emitter<String> deadLetters;
    private final Emitter<String> relays;
    private final WorkerMetrics metrics;

    public EventPublisher(
            @Channel(Topics.TASKS_EVENTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            Emitter<String> taskEvents,
            @Channel(Topics.WORKERS_HEARTBEATS) Emitter<String> heartbeats,
            @Channel(Topics.TASKS_DLQ) Emitter<String> deadLetters,
            @Channel(RELAYS_CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            Emitter<String> relays, WorkerMetrics metrics) {
        this.taskEvents = taskEvents;
        this.heartbeats = heartbeats;
        this.deadLetters = deadLetters;
        this.relays = relays;
        this.metrics = metrics;
    }

    /**
     * Forwards relays of one run, as the plain dispatches {@code dispatches} are now, to the
     * ready-topic partition of the worker they are meant for, in one record as the queue sends a
     * round's dispatches; completes when the broker has it.
     */
    public CompletionStage<Void> relay(List<TaskDispatched> dispatches, int partition) {
        metrics.relayed(dispatches.size());
        TaskDispatched first = dispatches.get(0);
        GenesisEvent record = dispatches.size() == 1 ? first : new TaskDispatchBatch(first.runId(), dispatches);
        return send(relays, codec.encode(record), OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(first.key()).withPartition(partition).build());
    }

    /** Sends a task event to {@code genesis.tasks.events}; completes when the broker has it. */
    public CompletionStage<Void> taskEvent(GenesisEvent event) {
        return send(taskEvents, codec.encode(event), OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.key()).build());
    }

    /** Sends a heartbeat or a stop notice to {@code genesis.workers.heartbeats}. */
    public CompletionStage<Void> workerEvent(GenesisEvent event) {
        return send(heartbeats, codec.encode(event), OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.key()).build());
    }

    /** Puts an unreadable record on {@code genesis.tasks.dlq} as it was, with the reason in a header. */
    public CompletionStage<Void> deadLetter(String key, String value, String reason) {
        metrics.deadLettered();
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .addHeaders(new RecordHeader(DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8)))
                .build();
        return send(deadLetters, value == null ? "" : value, metadata);
    }

    /** Waits up to {@code limit} for sent events to reach the broker (used while stopping). */
    public void awaitDelivered(Duration limit) {
        long until = System.nanoTime() + limit.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private CompletionStage<Void> send(Emitter<String> emitter, String value, OutgoingKafkaRecordMetadata<String> metadata) {
        CompletableFuture<Void> delivered = new CompletableFuture<>();
        Message<String> message = Message.of(value)
                .addMetadata(metadata)
                .withAck(() -> {
                    inFlight.decrementAndGet();
                    delivered.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    inFlight.decrementAndGet();
                    LOG.warnf("could not send to Kafka: %s", failure.getMessage());
                    delivered.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        inFlight.incrementAndGet();
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            LOG.warnf("could not send to Kafka: %s", e.getMessage());
            delivered.completeExceptionally(e);
        }
        return delivered;
    }
}
