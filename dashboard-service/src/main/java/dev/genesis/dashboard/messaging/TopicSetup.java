package dev.genesis.dashboard.messaging;

import dev.genesis.common.kafka.TopicProvisioner;
import dev.genesis.dashboard.config.DashboardConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Creates the Genesis topics at start, so that a fresh broker works without a manual step. */
@ApplicationScoped
public class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private final String bootstrapServers;
    private final DashboardConfig config;

    public TopicSetup(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            DashboardConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        try {
            TopicProvisioner.ensureTopics(bootstrapServers, config.topicReplicationFactor());
        } catch (IllegalStateException e) {
            // The dashboard is read-only: it still serves what it knows, and consumers reconnect.
            LOG.warnf("Could not ensure the Genesis topics on %s: %s", bootstrapServers, e.getMessage());
        }
    }
}
