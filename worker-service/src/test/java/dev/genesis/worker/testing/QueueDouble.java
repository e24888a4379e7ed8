package dev.genesis.worker.testing;

import dev.genesis.common.events.EventCodec;
import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.WorkerHeartbeat;
import dev.genesis.common.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plays the queue on the real broker: sends dispatches to the worker's partitions and records
 * what comes back on the task-event, heartbeat and dead-letter topics (from now on only, so
 * older records of other test runs do not matter).
 */
public final class QueueDouble {

    private static QueueDouble instance;

    private final EventCodec codec = new EventCodec("/genesis/test-queue");
    private final KafkaProducer<String, String> producer;
    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();

    private QueueDouble(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        startRecorder(bootstrap);
    }

    /** The one double of this test JVM, recording from its first use on. */
    public static synchronized QueueDouble get() {
        if (instance == null) {
            instance = new QueueDouble(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        }
        return instance;
    }

    public void send(int partition, GenesisEvent event) {
        sendRaw(partition, event.key(), codec.encode(event));
    }

    public void sendRaw(int partition, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(Topics.TASKS_READY, partition, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + Topics.TASKS_READY, e);
        }
    }

    /** Task events of one run, in arrival order. */
    public List<GenesisEvent> eventsOf(UUID runId) {
        return decoded(Topics.TASKS_EVENTS, runId.toString());
    }

    public <T extends GenesisEvent> List<T> eventsOf(UUID runId, Class<T> type) {
        return eventsOf(runId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** When the worker sent the first event of {@code type} for {@code runId} (its record's timestamp). */
    public Optional<Instant> sentAt(UUID runId, Class<? extends GenesisEvent> type) {
        for (ConsumerRecord<String, String> r : records) {
            if (r.topic().equals(Topics.TASKS_EVENTS) && runId.toString().equals(r.key())
                    && codec.decode(r.value()).filter(type::isInstance).isPresent()) {
                return Optional.of(Instant.ofEpochMilli(r.timestamp()));
            }
        }
        return Optional.empty();
    }

    public Optional<WorkerHeartbeat> lastHeartbeatOf(String workerId) {
        List<WorkerHeartbeat> beats = decoded(Topics.WORKERS_HEARTBEATS, workerId).stream()
                .filter(WorkerHeartbeat.class::isInstance).map(WorkerHeartbeat.class::cast).toList();
        return beats.isEmpty() ? Optional.empty() : Optional.of(beats.get(beats.size() - 1));
    }

    public List<ConsumerRecord<String, String>> deadLetters() {
        return records.stream().filter(r -> r.topic().equals(Topics.TASKS_DLQ)).toList();
    }

    private List<GenesisEvent> decoded(String topic, String key) {
        List<GenesisEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            if (r.topic().equals(topic) && key.equals(r.key())) {
                codec.decode(r.value()).ifPresent(events::add);
            }
        }
        return events;
    }

    private void startRecorder(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.TASKS_EVENTS, Topics.WORKERS_HEARTBEATS, Topics.TASKS_DLQ)) {
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now, before any test sends
        Thread recorder = new Thread(() -> {
            while (true) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }, "queue-double-recorder");
        recorder.setDaemon(true);
        recorder.start();
    }
}
