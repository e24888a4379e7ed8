package dev.genesis.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genesis.common.json.Json;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Wraps events in CloudEvents envelopes and back. Thread-safe. */
public final class EventCodec {

    private final ObjectMapper mapper;
    private final String source;

    /** @param source the CloudEvents {@code source} of what this process emits, e.g. {@code /genesis/queue} */
    public EventCodec(String source) {
        this.mapper = Json.mapper();
        this.source = source;
    }

    public String encode(GenesisEvent event) {
        CloudEvent envelope = new CloudEvent("1.0", UUID.randomUUID().toString(), source,
                EventType.of(event.getClass()), Instant.now(), event.key(), "application/json",
                mapper.valueToTree(event));
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + event, e);
        }
    }

    /**
     * The event inside an envelope; empty for a type this version does not know (a newer
     * producer's), so that old consumers skip rather than fail.
     *
     * @throws UnreadableEventException when the text is not a Genesis CloudEvent at all
     */
    public Optional<GenesisEvent> decode(String json) {
        try {
            CloudEvent envelope = mapper.readValue(json, CloudEvent.class);
            if (envelope == null || envelope.type() == null || envelope.data() == null) {
                throw new UnreadableEventException("not a CloudEvent with type and data", null);
            }
            Class<? extends GenesisEvent> type = EventType.classOf(envelope.type());
            if (type == null) {
                return Optional.empty();
            }
            GenesisEvent event = mapper.treeToValue(envelope.data(), type);
            if (event == null) {
                throw new UnreadableEventException("empty data for " + envelope.type(), null);
            }
            return Optional.of(event);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnreadableEventException("unreadable event: " + e.getMessage(), e);
        }
    }
}
