package dev.genesis.bench.api;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What the benchmark's clients of the stack ({@link StackApi}, {@link WorkspaceApi}) share. */
final class HttpCalls {

    private HttpCalls() {
    }

    /** Sends {@code request} and reads the answer as text; a failure to reach the stack is a {@link StackException}. */
    static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StackException(request.method() + " " + request.uri() + " failed: " + e
                    + " (is the stack up? ./genesis up)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted: " + request.uri(), e);
        }
    }

    /** An answer's body, cut to 400 characters for an error message. */
    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
