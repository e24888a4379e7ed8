package dev.genesis.e2e.recovery;

import dev.genesis.common.events.EventCodec;
import dev.genesis.common.events.GenesisEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what one run put on a topic, with a plain consumer that joins no group: the end offsets
 * are marked before the run is submitted, and {@link #eventsOf} reads from that mark to the
 * current end, keeping the records keyed by the run id. Other tests' records on the shared
 * topic are skipped by key.
 */
final class EventTap implements AutoCloseable {

    private final EventCodec codec = new EventCodec("/genesis/e2e");
    private final KafkaConsumer<String, String> consumer;
    private final Map<TopicPartition, Long> mark;

    private EventTap(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> mark) {
        this.consumer = consumer;
        this.mark = mark;
    }

    /** Marks the current end of every partition of {@code topic}. */
    static EventTap mark(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RecoveryStack.bootstrap());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        return new EventTap(consumer, consumer.endOffsets(partitions, Duration.ofSeconds(10)));
    }

    /** Every Genesis event of {@code runId} written since the mark, in partition order. */
    List<GenesisEvent> eventsOf(UUID runId) {
        mark.forEach(consumer::seek);
        Map<TopicPartition, Long> end = consumer.endOffsets(mark.keySet(), Duration.ofSeconds(10));
        String key = runId.toString();
        List<GenesisEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!reached(end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read up to " + end);
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key())) {
                    codec.decode(record.value()).ifPresent(events::add);
                }
            }
        }
        return events;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
