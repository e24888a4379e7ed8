package dev.genesis.dashboard.messaging;

import dev.genesis.common.events.EventCodec;
import dev.genesis.common.events.EventType;
import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.kafka.Topics;
import dev.genesis.dashboard.board.Board;
import dev.genesis.dashboard.bootstrap.QueueBootstrap;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the board from the three topics the dashboard watches, a poll's worth of records at a
 * time (one message per batch instead of one per record: at a thousand tasks a second the
 * dashboard reads three thousand events a second, and per-record messaging cost most of its CPU).
 * A record that is not a Genesis CloudEvent, or that the board cannot apply, goes to
 * {@code genesis.tasks.dlq} with the reason in the {@code dead-letter-reason} header, and the rest
 * of the batch goes on. Unknown types are skipped.
 */
@ApplicationScoped
public class EventConsumer {

    static final String CONSUMED_METRIC = "genesis.dashboard.events.consumed";

    private final EventCodec codec = new EventCodec("/genesis/dashboard");
    private final Board board;
    private final QueueBootstrap bootstrap;
    private final DeadLetters deadLetters;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public EventConsumer(Board board, QueueBootstrap bootstrap, DeadLetters deadLetters, MeterRegistry registry) {
        this.board = board;
        this.bootstrap = bootstrap;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    @Incoming(Topics.RUNS_EVENTS)
    public void onRunEvents(ConsumerRecords<String, String> records) {
        consume(records);
    }

    @Incoming(Topics.TASKS_EVENTS)
    public void onTaskEvents(ConsumerRecords<String, String> records) {
        consume(records);
    }

    @Incoming(Topics.WORKERS_HEARTBEATS)
    public void onWorkerEvents(ConsumerRecords<String, String> records) {
        consume(records);
    }

    private void consume(ConsumerRecords<String, String> records) {
        for (ConsumerRecord<String, String> record : records) {
            try {
                apply(record.value());
            } catch (RuntimeException e) {
                deadLetters.send(record, String.valueOf(e.getMessage()));
            }
        }
    }

    private void apply(String value) {
        Optional<GenesisEvent> decoded = codec.decode(value);
        if (decoded.isEmpty()) {
            count("unknown");
            return;
        }
        GenesisEvent event = decoded.get();
        count(EventType.of(event.getClass()));
        board.apply(event).ifPresent(bootstrap::requestRun);
    }

    private void count(String type) {
        counters.computeIfAbsent(type, t -> Counter.builder(CONSUMED_METRIC)
                .description("Events the dashboard applied, by CloudEvents type")
                .tag("type", t)
                .register(registry)).increment();
    }
}
