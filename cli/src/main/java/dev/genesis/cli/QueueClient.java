package dev.genesis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genesis.common.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The queue-service REST API as the CLI uses it. */
final class QueueClient {

    /** A non-2xx answer, with the problem document the queue sent. */
    static final class ApiException extends Exception {
        final int status;
        final JsonNode problem;

        ApiException(int status, JsonNode problem) {
            super(problem.path("detail").asText(problem.toString()));
            this.status = status;
            this.problem = problem;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    QueueClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    JsonNode submit(byte[] spec, String contentType) throws IOException, ApiException {
        return send(HttpRequest.newBuilder(uri("/api/runs")).header("Content-Type", contentType)
                .header("Prefer", "return=minimal").POST(HttpRequest.BodyPublishers.ofByteArray(spec)));
    }

    RunView run(String id) throws IOException, ApiException {
        return RunView.from(send(HttpRequest.newBuilder(uri("/api/runs/" + id)).GET()));
    }

    RunProgress progress(String id) throws IOException, ApiException {
        return RunProgress.from(send(HttpRequest.newBuilder(uri("/api/runs/" + id + "/progress")).GET()));
    }

    JsonNode runs(String state) throws IOException, ApiException {
        return send(HttpRequest.newBuilder(uri("/api/runs?size=20" + (state == null ? "" : "&state=" + state))).GET());
    }

    JsonNode post(String path) throws IOException, ApiException {
        return send(HttpRequest.newBuilder(uri(path)).header("Prefer", "return=minimal")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    void delete(String path) throws IOException, ApiException {
        send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, ApiException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new IOException("queue-service is not reachable at " + baseUrl + " (is the stack up? ./genesis up)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        JsonNode body = response.body().length == 0 ? Json.mapper().createObjectNode()
                : Json.mapper().readTree(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new ApiException(response.statusCode(), body);
        }
        return body;
    }
}
