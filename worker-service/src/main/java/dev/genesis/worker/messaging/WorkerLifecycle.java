package dev.genesis.worker.messaging;

import dev.genesis.common.events.WorkerStopped;
import dev.genesis.common.kafka.TopicProvisioner;
import dev.genesis.worker.config.WorkerConfig;
import dev.genesis.worker.config.WorkerIdentity;
import dev.genesis.worker.execution.SlotPool;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Start: make sure the topics exist before the consumer subscribes. Stop (SIGTERM): drain, say
 * {@link WorkerStopped}, and only then let the Kafka connector close, so nothing taken is lost.
 */
@ApplicationScoped
public class WorkerLifecycle {

    private static final Logger LOG = Logger.getLogger(WorkerLifecycle.class);

    private final WorkerConfig config;
    private final WorkerIdentity identity;
    private final SlotPool slots;
    private final EventPublisher publisher;
    private final HeartbeatSender heartbeats;
    private final String bootstrap;
    private final short replicationFactor;

    public WorkerLifecycle(WorkerConfig config, WorkerIdentity identity, SlotPool slots, EventPublisher publisher,
            HeartbeatSender heartbeats,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.config = config;
        this.identity = identity;
        this.slots = slots;
        this.publisher = publisher;
        this.heartbeats = heartbeats;
        this.bootstrap = bootstrap;
        this.replicationFactor = config.topicReplicationFactor();
    }

    void provisionTopics(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        TopicProvisioner.ensureTopics(bootstrap, replicationFactor);
        LOG.infof("worker %s starts with %d slots", identity.id(), config.slots());
    }

    void drain(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        LOG.infof("worker %s draining (up to %s)", identity.id(), config.drainGrace());
        slots.drain(config.drainGrace());
        heartbeats.stop();
        publisher.workerEvent(new WorkerStopped(identity.id(), Instant.now()));
        publisher.awaitDelivered(Duration.ofSeconds(5));
        LOG.infof("worker %s stopped", identity.id());
    }
}
