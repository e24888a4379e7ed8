package dev.genesis.coordinator.merge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Text as lines that keep their terminators, so that joining them gives back the exact bytes
 * (CRLF, a missing final newline and a BOM all survive a merge).
 */
public final class Lines {

    private Lines() {
    }

    /** The lines of UTF-8 text, or empty when the bytes are not valid UTF-8 (binary content). */
    public static Optional<List<String>> of(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        if (text.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return Optional.of(lines);
    }

    public static byte[] join(List<String> lines) {
        return String.join("", lines).getBytes(StandardCharsets.UTF_8);
    }
}
