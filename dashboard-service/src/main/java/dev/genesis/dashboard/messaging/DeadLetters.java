package dev.genesis.dashboard.messaging;

import dev.genesis.common.kafka.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Puts a record the dashboard could not apply on {@code genesis.tasks.dlq} as it was (key and
 * value), with why and where it came from in headers, and counts it by source topic.
 */
@ApplicationScoped
public class DeadLetters {

    static final String DLQ_METRIC = "genesis.dashboard.dlq.records";
    static final String REASON_HEADER = "dead-letter-reason";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Emitter<String> dlq;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public DeadLetters(@Channel(Topics.TASKS_DLQ) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<String> dlq,
            MeterRegistry registry) {
        this.dlq = dlq;
        this.registry = registry;
    }

    public void send(ConsumerRecord<String, String> record, String reason) {
        counters.computeIfAbsent(record.topic(), t -> Counter.builder(DLQ_METRIC)
                .description("Records the dashboard could not apply and sent to genesis.tasks.dlq, by source topic")
                .tag("source", t)
                .register(registry)).increment();
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .addHeaders(header(REASON_HEADER, reason), header("dead-letter-topic", record.topic()),
                        header("dead-letter-partition", String.valueOf(record.partition())),
                        header("dead-letter-offset", String.valueOf(record.offset())))
                .build();
        try {
            dlq.send(Message.of(record.value() == null ? "" : record.value()).addMetadata(metadata));
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot dead-letter record %d of %s-%d", record.offset(), record.topic(), record.partition());
        }
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }
}
