package dev.genesis.queue.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genesis.common.kafka.Topics;
import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.common.testing.PrometheusScrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class DeadLetterTest {

    private static final String BOOTSTRAP = System.getenv().getOrDefault("GENESIS_KAFKA_BOOTSTRAP", "localhost:9092");

    private static final String DLQ_RECORDS = "genesis_queue_dlq_records_total";

    @Test
    void unreadableTaskEventGoesToTheDeadLetterTopicAndIsCounted() {
        double before = dlqRecords();
        String marker = "not-an-event-" + UUID.randomUUID();
        List<String> seen = new CopyOnWriteArrayList<>();
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(c);
                KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            TopicPartition partition = new TopicPartition(Topics.TASKS_DLQ, 0);
            dlq.assign(List.of(partition));
            dlq.seekToEnd(List.of(partition));
            dlq.position(partition);
            producer.send(new ProducerRecord<>(Topics.TASKS_EVENTS, "x", "{" + marker));
            producer.flush();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                dlq.poll(Duration.ofMillis(100)).forEach(r -> seen.add(r.value()));
                return seen.stream().anyMatch(v -> v.contains(marker) && v.contains("reason"));
            });
        }
        assertThat(dlqRecords() - before).isEqualTo(1);
    }

    private static double dlqRecords() {
        return PrometheusScrape.of(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .value(DLQ_RECORDS, "service", "queue-service", "source", Topics.TASKS_EVENTS);
    }
}
