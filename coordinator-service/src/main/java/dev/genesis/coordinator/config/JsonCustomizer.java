package dev.genesis.coordinator.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genesis.common.json.Json;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** REST bodies use the same JSON settings as events: ISO-8601 instants, no nulls. */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        Json.configure(mapper);
    }
}
