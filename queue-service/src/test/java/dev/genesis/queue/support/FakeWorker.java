package dev.genesis.queue.support;

import dev.genesis.common.events.EventCodec;
import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.TaskCancelRequested;
import dev.genesis.common.events.TaskDispatchBatch;
import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.events.TaskFailed;
import dev.genesis.common.events.TaskStarted;
import dev.genesis.common.events.TaskSucceeded;
import dev.genesis.common.events.WorkerDeclaredDead;
import dev.genesis.common.events.WorkerHeartbeat;
import dev.genesis.common.events.WorkerStopped;
import dev.genesis.common.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The test's stand-in for a worker, on the real broker: heartbeats every 300 ms owning all
 * partitions of the ready topic, records the dispatches counted on it, and answers them as its
 * responder says.
 */
public final class FakeWorker implements AutoCloseable {

    /** How the fake worker answers a dispatch. */
    public enum Reply { SUCCEED, FAIL, HOLD }

    private static final String BOOTSTRAP = System.getenv().getOrDefault("GENESIS_KAFKA_BOOTSTRAP", "localhost:9092");

    public final String id = "queue-test-" + UUID.randomUUID();
    public final List<TaskDispatched> dispatched = new CopyOnWriteArrayList<>();
    public final List<TaskCancelRequested> cancels = new CopyOnWriteArrayList<>();
    /** Per record that carried dispatches for this worker: its run and how many dispatches it held. */
    private final List<Map.Entry<UUID, Integer>> dispatchRecords = new CopyOnWriteArrayList<>();
    private final EventCodec codec = new EventCodec("/genesis/queue-test");
    private final KafkaProducer<String, String> producer;
    private final int slots;
    private final int prefetch;
    private final Function<TaskDispatched, Reply> responder;
    private volatile boolean running = true;
    private final Thread consumerThread;
    private final Thread heartbeatThread;

    public FakeWorker(int slots, Function<TaskDispatched, Reply> responder) {
        this(slots, 0, responder);
    }

    /** A worker that also takes {@code prefetch} short tasks beyond its slots. */
    public FakeWorker(int slots, int prefetch, Function<TaskDispatched, Reply> responder) {
        this.slots = slots;
        this.prefetch = prefetch;
        this.responder = responder;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(p);
        KafkaConsumer<String, String> consumer = consumer();
        consumerThread = new Thread(() -> consume(consumer), "fake-worker-consumer");
        consumerThread.start();
        heartbeatThread = new Thread(this::heartbeat, "fake-worker-heartbeat");
        heartbeatThread.start();
    }

    public void send(GenesisEvent event) {
        producer.send(new ProducerRecord<>(Topics.TASKS_EVENTS, event.key(), codec.encode(event)));
        producer.flush();
    }

    /** Publishes one record twice, byte for byte (same CloudEvents id): a redelivery as Kafka may make it. */
    public void sendTwice(GenesisEvent event) {
        String record = codec.encode(event);
        producer.send(new ProducerRecord<>(Topics.TASKS_EVENTS, event.key(), record));
        producer.send(new ProducerRecord<>(Topics.TASKS_EVENTS, event.key(), record));
        producer.flush();
    }

    public void start(TaskDispatched d) {
        send(new TaskStarted(d.runId(), d.taskId(), d.attempt(), id, Instant.now()));
    }

    /** Reports a success; like a real worker, it leaves the lease its dispatch carried to the queue. */
    public void succeed(TaskDispatched d) {
        TaskSucceeded success = new TaskSucceeded(d.runId(), d.taskId(), d.attempt(), id, Instant.now(), "ok");
        send(d.lease() == null ? success : success.leavingLease(d.lease().leaseId()));
    }

    public void fail(TaskDispatched d, String cause) {
        send(new TaskFailed(d.runId(), d.taskId(), d.attempt(), id, Instant.now(), cause, "boom", true));
    }

    /** What the coordinator says when this worker stops heartbeating. */
    public void declareDead() {
        WorkerDeclaredDead dead = new WorkerDeclaredDead(id, Instant.now(), Instant.now());
        producer.send(new ProducerRecord<>(Topics.WORKERS_HEARTBEATS, dead.key(), codec.encode(dead)));
        producer.flush();
    }

    /** How many dispatches each record for {@code runId} held, in arrival order. */
    public List<Integer> dispatchRecordsOf(UUID runId) {
        return dispatchRecords.stream().filter(r -> r.getKey().equals(runId)).map(Map.Entry::getValue).toList();
    }

    public List<TaskDispatched> dispatchesOf(UUID runId) {
        return dispatched.stream().filter(d -> d.runId().equals(runId)).toList();
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> all = IntStream.range(0, Topics.partitionsOf(Topics.TASKS_READY))
                .mapToObj(i -> new TopicPartition(Topics.TASKS_READY, i)).toList();
        consumer.assign(all);
        consumer.seekToEnd(all);
        all.forEach(consumer::position);
        return consumer;
    }

    private void consume(KafkaConsumer<String, String> consumer) {
        try (consumer) {
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(50))) {
                    codec.decode(record.value()).ifPresent(this::onEvent);
                }
            }
        }
    }

    private void onEvent(GenesisEvent event) {
        if (event instanceof TaskDispatchBatch batch) {
            if (id.equals(batch.dispatches().get(0).workerId())) {
                dispatchRecords.add(Map.entry(batch.runId(), batch.dispatches().size()));
            }
            batch.dispatches().forEach(this::onDispatch);
            return;
        }
        if (event instanceof TaskDispatched d && id.equals(d.workerId())) {
            dispatchRecords.add(Map.entry(d.runId(), 1));
        }
        onDispatch(event);
    }

    private void onDispatch(GenesisEvent event) {
        // Every dispatch counted on this worker's slots is this worker's to answer (tests clear
        // leftover runs first), even one that arrives before the test learned its run id.
        if (event instanceof TaskDispatched d && id.equals(d.workerId())) {
            dispatched.add(d);
            Reply reply = responder.apply(d);
            if (reply != Reply.HOLD) {
                start(d);
                if (reply == Reply.SUCCEED) {
                    succeed(d);
                } else {
                    fail(d, "error");
                }
            }
        } else if (event instanceof TaskCancelRequested c && id.equals(c.workerId())) {
            cancels.add(c);
        }
    }

    private void heartbeat() {
        List<Integer> partitions = IntStream.range(0, Topics.partitionsOf(Topics.TASKS_READY)).boxed().toList();
        while (running) {
            WorkerHeartbeat hb = new WorkerHeartbeat(id, "localhost", null, slots, slots, partitions, List.of(), false,
                    prefetch, Instant.now());
            producer.send(new ProducerRecord<>(Topics.WORKERS_HEARTBEATS, hb.key(), codec.encode(hb)));
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        heartbeatThread.interrupt();
        heartbeatThread.join();
        consumerThread.join();
        WorkerStopped stopped = new WorkerStopped(id, Instant.now());
        producer.send(new ProducerRecord<>(Topics.WORKERS_HEARTBEATS, stopped.key(), codec.encode(stopped)));
        producer.close();
    }

}
