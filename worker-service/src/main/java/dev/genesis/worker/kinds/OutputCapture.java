package dev.genesis.worker.kinds;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A task's output up to a byte limit; what comes after is counted and dropped, so a flood
 * costs the worker no memory. Thread-safe.
 */
public final class OutputCapture {

    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long dropped;

    public OutputCapture(int limit) {
        this.limit = Math.max(0, limit);
    }

    public synchronized void append(byte[] bytes, int length) {
        int room = Math.max(0, limit - kept.size());
        int keep = Math.min(room, length);
        kept.write(bytes, 0, keep);
        dropped += length - keep;
    }

    public synchronized long dropped() {
        return dropped;
    }

    /** Everything kept, with a note when bytes were dropped. */
    public synchronized String text() {
        String text = kept.toString(StandardCharsets.UTF_8);
        return dropped == 0 ? text : text + "\n[output truncated: " + dropped + " more bytes dropped]";
    }

    /** The last {@code chars} characters of {@link #text()}. */
    public String tail(int chars) {
        String text = text();
        return text.length() <= chars ? text : text.substring(text.length() - chars);
    }

    /** The last non-blank line of a chunk, shortened: what a progress message shows. */
    static String lastLine(String chunk) {
        String[] lines = chunk.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.isEmpty()) {
                return line.length() <= 200 ? line : line.substring(0, 200) + "…";
            }
        }
        return null;
    }
}
