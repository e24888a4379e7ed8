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
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the board from the three topics the dashboard watches. A record that is not a Genesis
 * CloudEvent makes {@link EventCodec#decode} throw; the channel's {@code dead-letter-queue}
 * failure strategy then sends it to {@code genesis.tasks.dlq} with the reason in the
 * {@code dead-letter-reason} header, and consumption goes on. Unknown types are skipped.
 */
@ApplicationScoped
public class EventConsumer {

    static final String CONSUMED_METRIC = "genesis.dashboard.events.consumed";
    static final String DLQ_METRIC = "genesis.dashboard.dlq.records";

    private final EventCodec codec = new EventCodec("/genesis/dashboard");
    private final Board board;
    private final QueueBootstrap bootstrap;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();

    public EventConsumer(Board board, QueueBootstrap bootstrap, MeterRegistry registry) {
        this.board = board;
        this.bootstrap = bootstrap;
        this.registry = registry;
    }

    @Incoming(Topics.RUNS_EVENTS)
    public void onRunEvent(String value) {
        consume(Topics.RUNS_EVENTS, value);
    }

    @Incoming(Topics.TASKS_EVENTS)
    public void onTaskEvent(String value) {
        consume(Topics.TASKS_EVENTS, value);
    }

    @Incoming(Topics.WORKERS_HEARTBEATS)
    public void onWorkerEvent(String value) {
        consume(Topics.WORKERS_HEARTBEATS, value);
    }

    private void consume(String topic, String value) {
        try {
            apply(value);
        } catch (RuntimeException e) {
            // The channel's failure strategy sends the record to the DLQ.
            deadLetters.computeIfAbsent(topic, t -> Counter.builder(DLQ_METRIC)
                    .description("Records the dashboard could not apply and sent to genesis.tasks.dlq, by source topic")
                    .tag("source", t)
                    .register(registry)).increment();
            throw e;
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
