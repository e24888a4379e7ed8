package dev.genesis.common.events;

import java.time.Instant;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode, as it travels on every Genesis topic; as
 * written by {@link EventCodec}, {@code data} is the event itself and comes after {@code type}.
 */
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String datacontenttype,
        Object data) {
}
