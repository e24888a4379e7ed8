package dev.genesis.queue.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.genesis.common.json.Json;
import java.util.Map;

/** A task's parameters as stored (JSON text in the {@code params} column). */
public final class StoredParams {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private StoredParams() {
    }

    public static Map<String, Object> parse(String json, String taskId) {
        try {
            return Json.mapper().readValue(json, MAP);
        } catch (Exception e) {
            throw new IllegalStateException("stored params are not JSON for " + taskId, e);
        }
    }
}
