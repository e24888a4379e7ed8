package dev.genesis.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A CloudEvents 1.0 envelope in structured JSON mode, as it travels on every Genesis topic. */
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String datacontenttype,
        JsonNode data) {
}
