package dev.genesis.dashboard.api;

import dev.genesis.common.events.EventCodec;
import dev.genesis.common.events.GenesisEvent;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes events to the real broker the way the other services do: CloudEvents JSON, keyed. */
final class KafkaEvents implements AutoCloseable {

    private final EventCodec codec = new EventCodec("/genesis/test");
    private final KafkaProducer<String, String> producer;

    KafkaEvents(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    void publish(String topic, GenesisEvent... events) {
        for (GenesisEvent event : events) {
            send(topic, event.key(), codec.encode(event));
        }
    }

    void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
