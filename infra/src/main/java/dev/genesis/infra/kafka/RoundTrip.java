package dev.genesis.infra.kafka;

import dev.genesis.common.stats.Percentiles;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Times bare round trips through a broker: one record at a time from a producer to a consumer
 * of a scratch topic, with a pause between records, so that the broker and both clients go idle
 * between them as they do between the tasks of a chain. Clients set as the services' hot paths
 * are ({@code linger.ms=0}, {@code acks=all}, a fetch that waits up to 500 ms). The topic is
 * deleted at the end.
 *
 * <p>{@code RoundTrip [bootstrap-servers] [pause-ms] [records]}
 */
public final class RoundTrip {

    /** Round trips not counted: the clients' first requests (metadata, connections). */
    static final int WARM_UP = 20;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration GIVE_UP = Duration.ofSeconds(10);

    /** What the round trips took: how many, median, 90th percentile and the longest, in ms. */
    public record Figures(int samples, double p50Ms, double p90Ms, double maxMs) {

        /** Nearest-rank percentiles ({@link Percentiles}): each figure is a round trip that was measured. */
        static Figures of(double[] ms) {
            List<Double> samples = Arrays.stream(ms).boxed().toList();
            return new Figures(samples.size(), Percentiles.of(samples, 50), Percentiles.of(samples, 90),
                    Percentiles.max(samples));
        }
    }

    private RoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        long pauseMs;
        int records;
        try {
            pauseMs = args.length > 1 ? Long.parseLong(args[1]) : 100;
            records = args.length > 2 ? Integer.parseInt(args[2]) : 200;
            check(pauseMs, records);
        } catch (IllegalArgumentException e) {
            System.err.println("usage: RoundTrip [bootstrap-servers] [pause-ms >= 0] [records >= 1]: " + e.getMessage());
            System.exit(2);
            return;
        }
        Figures f = measure(bootstrap, pauseMs, records);
        System.out.printf("%d round trips, %d ms apart: p50 %.2f ms, p90 %.2f ms, max %.2f ms%n",
                f.samples(), pauseMs, f.p50Ms(), f.p90Ms(), f.maxMs());
    }

    /** Sends {@code records} records one at a time (after {@link #WARM_UP} more) and times each to its consumer. */
    public static Figures measure(String bootstrap, long pauseMs, int records) throws Exception {
        check(pauseMs, records);
        String topic = "genesis.probe.roundtrip-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                return timeRoundTrips(bootstrap, topic, pauseMs, records);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void check(long pauseMs, int records) {
        if (records < 1 || pauseMs < 0) {
            throw new IllegalArgumentException("records must be at least 1 and the pause not negative (pause "
                    + pauseMs + " ms, " + records + " records)");
        }
    }

    private static Figures timeRoundTrips(String bootstrap, String topic, long pauseMs, int records)
            throws InterruptedException, ExecutionException {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrap));
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(bootstrap))) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            double[] ms = new double[records];
            for (int i = -WARM_UP; i < records; i++) {
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "probe", Integer.toString(i)));
                awaitOne(consumer);
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - sent) / 1e6;
                }
                Thread.sleep(pauseMs);
            }
            return Figures.of(ms);
        }
    }

    private static void awaitOne(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (consumer.poll(POLL).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a record did not come back within " + GIVE_UP);
            }
        }
    }

    private static Properties producerConfig(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    private static Properties consumerConfig(String bootstrap) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return c;
    }
}
