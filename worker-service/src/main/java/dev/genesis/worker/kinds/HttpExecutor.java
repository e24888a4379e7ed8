package dev.genesis.worker.kinds;

import dev.genesis.worker.spi.TaskContext;
import dev.genesis.worker.spi.TaskExecutor;
import dev.genesis.worker.spi.TaskOutcome;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** {@code http {url, method, headers, body, timeoutMs}}: one request; a status outside 2xx fails the attempt. */
@Singleton
public class HttpExecutor implements TaskExecutor {

    private static final int EXCERPT = 500;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    @Override
    public String kind() {
        return "http";
    }

    @Override
    public TaskOutcome execute(TaskContext context) throws IOException, InterruptedException {
        Map<String, Object> params = context.params();
        URI uri = uri(Params.string(params, "url", null));
        String method = Params.string(params, "method", "GET").toUpperCase();
        String body = Params.string(params, "body", null);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .timeout(timeout(context, Params.longValue(params, "timeoutMs", 0)));
        Params.stringMap(params, "headers").forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String excerpt = excerpt(response.body());
        if (response.statusCode() / 100 != 2) {
            return TaskOutcome.failure("HTTP " + response.statusCode() + ": " + excerpt, true);
        }
        return TaskOutcome.success("HTTP " + response.statusCode() + ": " + excerpt);
    }

    private static URI uri(String url) {
        if (url == null) {
            throw new IllegalArgumentException("parameter 'url' is required");
        }
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("parameter 'url' must be an http or https URL");
        }
        return uri;
    }

    /** The request's own timeout, never past the attempt's deadline. */
    private static Duration timeout(TaskContext context, long timeoutMs) {
        Duration untilDeadline = Duration.between(Instant.now(), context.deadline());
        if (untilDeadline.isNegative() || untilDeadline.isZero()) {
            untilDeadline = Duration.ofMillis(1);
        }
        return timeoutMs > 0 && Duration.ofMillis(timeoutMs).compareTo(untilDeadline) < 0
                ? Duration.ofMillis(timeoutMs) : untilDeadline;
    }

    private static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= EXCERPT ? body : body.substring(0, EXCERPT);
    }
}
