package dev.genesis.queue.scheduling;

import dev.genesis.common.kafka.TopicProvisioner;
import dev.genesis.queue.config.QueueConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Start and stop. All scheduling state lives in PostgreSQL (in-flight counts and held resources
 * are read from the active rows each round), so a restart after kill -9 simply carries on: what
 * was DISPATCHED stays counted, and the sweeper re-queues dispatches that never start.
 */
@ApplicationScoped
public class Lifecycle {

    private final Dispatcher dispatcher;
    private final QueueConfig config;
    private final String bootstrap;

    public Lifecycle(Dispatcher dispatcher, QueueConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.dispatcher = dispatcher;
        this.config = config;
        this.bootstrap = bootstrap;
    }

    /** Before the Kafka channels connect, so that a fresh broker gets the right partition counts. */
    void provisionTopics(@Observes @Priority(1) StartupEvent event) {
        TopicProvisioner.ensureTopics(bootstrap, config.replicationFactor());
    }

    /** After the channels connect (messaging starts at a library priority): a dispatch sent earlier would fail. */
    void startDispatching(@Observes @Priority(Interceptor.Priority.APPLICATION + 500) StartupEvent event) {
        dispatcher.start();
        dispatcher.wake();
    }

    void onStop(@Observes ShutdownEvent event) {
        dispatcher.stop();
    }
}
