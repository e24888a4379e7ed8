package dev.genesis.common.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genesis.common.json.Json;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps events in CloudEvents envelopes and back. Thread-safe.
 *
 * <p>Every service encodes and decodes each event it handles, so this is on the hot path of every
 * task: the event is written straight into its envelope and read straight out of it (no
 * intermediate JSON tree when {@code type} comes before {@code data}, as Genesis writes them),
 * and event ids are a random per-codec base plus a counter rather than a {@link SecureRandom}
 * UUID each (CloudEvents asks ids to be unique per source, which this is).
 */
public final class EventCodec {

    private static final String SPEC_VERSION = "1.0";
    private static final String CONTENT_TYPE = "application/json";

    private final ObjectMapper mapper;
    private final String source;
    private final long idBase = new SecureRandom().nextLong();
    private final AtomicLong idSeq = new AtomicLong();

    /** @param source the CloudEvents {@code source} of what this process emits, e.g. {@code /genesis/queue} */
    public EventCodec(String source) {
        this.mapper = Json.mapper();
        this.source = source;
    }

    public String encode(GenesisEvent event) {
        CloudEvent envelope = new CloudEvent(SPEC_VERSION, new UUID(idBase, idSeq.incrementAndGet()).toString(), source,
                EventType.of(event.getClass()), Instant.now(), event.key(), CONTENT_TYPE, event);
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
        try (JsonParser parser = mapper.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UnreadableEventException("not a CloudEvent with type and data", null);
            }
            String type = null;
            JsonNode dataTree = null;
            GenesisEvent event = null;
            boolean sawData = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("type".equals(field)) {
                    type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                } else if ("data".equals(field) && value != JsonToken.VALUE_NULL) {
                    sawData = true;
                    Class<? extends GenesisEvent> known = type == null ? null : EventType.classOf(type);
                    if (type == null) {
                        dataTree = mapper.readTree(parser); // data before type: bind it once the type is known
                    } else if (known == null) {
                        parser.skipChildren();
                    } else {
                        event = mapper.readValue(parser, known);
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (type == null || !sawData) {
                throw new UnreadableEventException("not a CloudEvent with type and data", null);
            }
            Class<? extends GenesisEvent> known = EventType.classOf(type);
            if (known == null) {
                return Optional.empty();
            }
            if (event == null && dataTree != null) {
                event = mapper.treeToValue(dataTree, known);
            }
            if (event == null) {
                throw new UnreadableEventException("empty data for " + type, null);
            }
            return Optional.of(event);
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableEventException("unreadable event: " + e.getMessage(), e);
        }
    }
}
