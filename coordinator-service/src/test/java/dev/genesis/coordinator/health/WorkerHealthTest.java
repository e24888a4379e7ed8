package dev.genesis.coordinator.health;

import static dev.genesis.coordinator.locks.LockApi.acquire;
import static dev.genesis.coordinator.locks.LockRequestBuilder.aLock;
import static dev.genesis.coordinator.metrics.Metrics.scrape;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genesis.common.events.EventCodec;
import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.WorkerDeclaredDead;
import dev.genesis.common.events.WorkerHeartbeat;
import dev.genesis.common.kafka.Topics;
import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.common.testing.PrometheusScrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class WorkerHealthTest {

    private final String workerId = "test-worker-" + UUID.randomUUID();
    private final EventCodec codec = new EventCodec("/genesis/test");
    private String bootstrap;
    private KafkaProducer<String, String> producer;
    private ScheduledExecutorService heart;

    @BeforeEach
    void start() {
        bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(props);
        heart = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() {
        heart.shutdownNow();
        producer.close();
    }

    /** Beats like a real worker does, every 200 ms, until {@link #stopBeating()}. */
    private void startBeating() {
        heart.scheduleAtFixedRate(() -> {
            WorkerHeartbeat beat = new WorkerHeartbeat(workerId, "test-host", "http://test-host:9999", 4, 3,
                    List.of(0, 1), List.of(), false, Instant.now());
            producer.send(new ProducerRecord<>(Topics.WORKERS_HEARTBEATS, beat.key(), codec.encode(beat)));
        }, 0, 200, TimeUnit.MILLISECONDS);
    }

    private void stopBeating() throws InterruptedException {
        heart.shutdownNow();
        assertThat(heart.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        producer.flush();
    }

    private Optional<Map<String, Object>> listed() {
        List<Map<String, Object>> mine = given().when().get("/api/workers").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.id == '" + workerId + "' }");
        return mine.stream().findFirst();
    }

    @Test
    void aHeartbeatingWorkerIsListedAlive() {
        startBeating();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> scrape().value("genesis_coordinator_workers_alive") >= 1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(listed()).hasValueSatisfying(w -> {
            assertThat(w).containsEntry("state", "ALIVE").containsEntry("host", "test-host")
                    .containsEntry("slots", 4).containsEntry("freeSlots", 3)
                    .containsEntry("partitions", List.of(0, 1));
            assertThat(((Number) w.get("heartbeatAgeMs")).longValue()).isLessThan(2_000);
        }));
    }

    @Test
    void aSilentWorkerIsDeclaredDeadAndLosesItsLeases() throws Exception {
        PrometheusScrape before = scrape();
        String path = "health-" + UUID.randomUUID() + "/src/";
        startBeating();
        await().atMost(Duration.ofSeconds(20)).until(() -> listed().isPresent());
        String leaseId = acquire(aLock("run/t#1").owner(workerId).writes(path).leaseMs(120_000)).statusCode(200)
                .extract().path("leaseId");

        try (KafkaConsumer<String, String> consumer = consumerAtEnd()) {
            stopBeating();

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(listed()).hasValueSatisfying(w -> assertThat(w).containsEntry("state", "DEAD")));
            List<WorkerDeclaredDead> verdicts = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    decoded(record.value()).filter(e -> e instanceof WorkerDeclaredDead d && workerId.equals(d.workerId()))
                            .ifPresent(e -> verdicts.add((WorkerDeclaredDead) e));
                }
                return !verdicts.isEmpty();
            });
            assertThat(verdicts.get(0).lastSeen()).isBefore(verdicts.get(0).at());
        }

        List<String> leaseIds = given().when().get("/api/locks").then().statusCode(200)
                .extract().jsonPath().getList("leaseId");
        assertThat(leaseIds).doesNotContain(leaseId);
        acquire(aLock("run/next#1").writes(path)).statusCode(200);
        // At least: a worker of another test that stopped beating may be declared dead meanwhile.
        assertThat(scrape().since(before, "genesis_coordinator_workers_declared_dead_total")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        PrometheusScrape before = scrape();
        String key = "garbage-" + UUID.randomUUID();
        try (KafkaConsumer<String, String> dlq = consumerAtEnd(Topics.TASKS_DLQ)) {
            List<ConsumerRecord<String, String>> dead = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                producer.send(new ProducerRecord<>(Topics.WORKERS_HEARTBEATS, key, "{not a cloud event"));
                for (ConsumerRecord<String, String> record : dlq.poll(Duration.ofMillis(300))) {
                    if (key.equals(record.key())) {
                        dead.add(record);
                    }
                }
                return !dead.isEmpty();
            });
            assertThat(dead.get(0).value()).isEqualTo("{not a cloud event");
            assertThat(dead.get(0).headers().lastHeader("dead-letter-reason")).isNotNull();
        }
        // The record is sent again until one reaches the DLQ: at least one is counted.
        assertThat(scrape().since(before, "genesis_coordinator_dlq_records_total", "source", Topics.WORKERS_HEARTBEATS))
                .isGreaterThanOrEqualTo(1);

        startBeating();
        await().atMost(Duration.ofSeconds(20)).until(() -> listed().isPresent());
    }

    private Optional<GenesisEvent> decoded(String value) {
        try {
            return codec.decode(value);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private KafkaConsumer<String, String> consumerAtEnd() {
        return consumerAtEnd(Topics.WORKERS_HEARTBEATS);
    }

    private KafkaConsumer<String, String> consumerAtEnd(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
