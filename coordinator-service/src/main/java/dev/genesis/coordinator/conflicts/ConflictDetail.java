package dev.genesis.coordinator.conflicts;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;

/**
 * A conflict with its three contents. {@code encoding} is {@code utf-8}, or {@code base64} when any
 * side is binary; a side without a file (absent or deleted) is left out.
 */
public record ConflictDetail(long id, String kind, String runId, String taskId, Integer attempt, String holder,
        String path, Integer baseVersion, int currentVersion, Instant createdAt, String encoding, String base,
        String ours, String theirs) {

    static ConflictDetail of(Conflict c, byte[] base, byte[] ours, byte[] theirs) {
        boolean text = Stream.of(base, ours, theirs).allMatch(b -> b == null || isUtf8(b));
        return new ConflictDetail(c.id(), c.kind(), c.runId(), c.taskId(), c.attempt(), c.holder(), c.path(),
                c.baseVersion(), c.currentVersion(), c.createdAt(), text ? "utf-8" : "base64",
                render(base, text), render(ours, text), render(theirs, text));
    }

    private static String render(byte[] bytes, boolean text) {
        if (bytes == null) {
            return null;
        }
        return text ? new String(bytes, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(bytes);
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
