package dev.genesis.common.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Small JSON POSTs to the coordinator (a worker's locks, a dispatch round's locks) with the I/O
 * done on the calling thread ({@link HttpURLConnection}, HTTP/1.1 keep-alive through the JDK's
 * connection cache). A task with resources costs up to two of these (lock acquire and release):
 * the JDK's {@code HttpClient} hands each request to its selector and executor threads and back,
 * which on a small busy host cost 1.2–1.8 ms of client CPU and 2.5–5.8 ms per acquire + release
 * pair; this costs 0.2–0.4 ms and 1.0–1.3 ms (measured against the running coordinator, C1 like
 * the workers).
 *
 * <p>A blocking read here does not end on an interrupt: callers that must stay interruptible ask
 * in short steps and check between them (see {@code LockClient}).
 */
public final class PlainHttp {

    /** A response: status and body (the error body for 4xx/5xx). */
    public record Reply(int status, String body) {
    }

    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private PlainHttp() {
    }

    /** {@code path} (starting with {@code /}) under {@code baseUrl}, which may end with a slash. */
    public static String url(String baseUrl, String path) {
        return (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + path;
    }

    /** The start of an answer's body, for an error message (empty for none). */
    public static String excerpt(String body) {
        return body == null ? "" : body.length() <= 300 ? body : body.substring(0, 300);
    }

    /** POSTs {@code json} to {@code url} and reads the whole answer within {@code timeout}. */
    public static Reply postJson(String url, String json, Duration timeout) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setConnectTimeout(CONNECT_TIMEOUT_MS);
        c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
        c.setRequestProperty("Content-Type", "application/json");
        // Buffered, not streamed: head and body leave in one write. Streamed (fixed length), the body
        // went in a second small segment that Nagle's algorithm held back: 4.5 ms a pair instead of 1.
        try (OutputStream out = c.getOutputStream()) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        int status = c.getResponseCode();
        // Read to the end and closed, so that the connection goes back to the keep-alive cache.
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new Reply(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
