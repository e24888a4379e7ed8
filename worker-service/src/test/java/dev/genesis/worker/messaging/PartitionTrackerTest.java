package dev.genesis.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genesis.common.kafka.Topics;
import dev.genesis.common.testing.GenesisTestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On the real broker: two members of one group on {@code genesis.tasks.ready}, each with its own
 * tracker, as two workers. Records one member took before the other joined must not reach the
 * other after the rebalance, and the records it had not taken must not be lost.
 */
class PartitionTrackerTest {

    private static final int RECORDS = 10;
    private static final int TAKEN_BEFORE_JOIN = 6;
    /** Records of types no worker knows: a worker app running in this JVM skips them. */
    private static final String VALUE = "{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"/test\","
            + "\"type\":\"dev.genesis.test.Marker\",\"data\":{}}";

    private static GenesisTestServices services;
    private static String bootstrap;

    @BeforeAll
    static void services() {
        services = new GenesisTestServices();
        bootstrap = services.start().get("kafka.bootstrap.servers");
    }

    @AfterAll
    static void stop() {
        services.stop();
    }

    @Test
    void dispatchesTakenBeforeAJoinAreNotDeliveredAgainAndNoneAreLost() throws Exception {
        String group = "tracker-test-" + UUID.randomUUID();
        String marker = UUID.randomUUID().toString();
        Member first = new Member(group);
        Member second = null;
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                first.poll(marker);
                return !first.tracker.partitions().isEmpty();
            });
            int partition = first.tracker.partitions().get(0);
            send(partition, marker);

            // The first member reads them all but takes only some: the rest are in flight.
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                read.addAll(first.read(marker));
                return read.size() >= RECORDS;
            });
            List<String> taken = new ArrayList<>();
            for (ConsumerRecord<String, String> r : read.subList(0, TAKEN_BEFORE_JOIN)) {
                assertThat(first.tracker.take(r.partition(), r.offset())).isTrue();
                taken.add(r.key());
            }
            assertThat(first.tracker.take(read.get(0).partition(), read.get(0).offset()))
                    .as("an offset is taken once").isFalse();

            // The second member joins; both poll until each owns partitions and all records are taken.
            second = new Member(group);
            Member joined = second;
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                taken.addAll(first.poll(marker));
                taken.addAll(joined.poll(marker));
                return !first.tracker.partitions().isEmpty() && !joined.tracker.partitions().isEmpty()
                        && taken.size() >= RECORDS;
            });
            // A little longer: a record delivered twice would show now.
            for (int i = 0; i < 10; i++) {
                taken.addAll(first.poll(marker));
                taken.addAll(joined.poll(marker));
            }
            assertThat(taken).as("each record taken once over both members")
                    .containsExactlyInAnyOrderElementsOf(read.stream().map(ConsumerRecord::key).toList());
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    private static void send(int partition, String marker) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                String key = marker + "-" + i;
                producer.send(new ProducerRecord<>(Topics.TASKS_READY, partition, key, VALUE.formatted(key))).get();
            }
        }
    }

    /** One group member: a plain consumer with a tracker as its rebalance listener, as the connector wires it. */
    private static final class Member implements ConsumerRebalanceListener {

        final PartitionTracker tracker = new PartitionTracker(assigned -> {
        });
        final KafkaConsumer<String, String> consumer;

        Member(String group) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
            consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of(Topics.TASKS_READY), this);
        }

        /** Polls once; returns the keys of this test's records the tracker gave to this member. */
        List<String> poll(String marker) {
            List<String> taken = new ArrayList<>();
            for (ConsumerRecord<String, String> r : read(marker)) {
                if (tracker.take(r.partition(), r.offset())) {
                    taken.add(r.key());
                }
            }
            return taken;
        }

        /** Polls once; this test's records, not yet offered to the tracker. */
        List<ConsumerRecord<String, String>> read(String marker) {
            List<ConsumerRecord<String, String>> mine = new ArrayList<>();
            consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                if (r.key() != null && r.key().startsWith(marker)) {
                    mine.add(r);
                }
            });
            return mine;
        }

        void close() {
            consumer.close(Duration.ofSeconds(5));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            tracker.onPartitionsRevoked(consumer, partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            tracker.onPartitionsAssigned(consumer, partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            tracker.onPartitionsLost(consumer, partitions);
        }
    }
}
