package dev.genesis.coordinator.config;

import dev.genesis.common.kafka.TopicProvisioner;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates the Genesis topics before the channels start, so that a fresh broker works. */
@ApplicationScoped
public class TopicSetup {

    private final String bootstrap;
    private final CoordinatorConfig config;

    public TopicSetup(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, CoordinatorConfig config) {
        this.bootstrap = bootstrap;
        this.config = config;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        TopicProvisioner.ensureTopics(bootstrap, config.replicationFactor());
    }
}
