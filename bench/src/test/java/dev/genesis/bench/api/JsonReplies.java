package dev.genesis.bench.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** How the benchmark's in-process stand-ins of the stack's services answer: a JSON body with its status. */
public final class JsonReplies {

    private JsonReplies() {
    }

    public static void reply(HttpExchange ex, int status, byte[] json) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, json.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(json);
        }
    }
}
