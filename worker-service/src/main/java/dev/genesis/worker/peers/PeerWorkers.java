package dev.genesis.worker.peers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genesis.common.json.Json;
import dev.genesis.worker.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import dev.genesis.worker.config.CoordinatorHttp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * What the coordinator says of other workers. A dispatch addressed to another worker reaches this
 * one when Kafka moves that worker's partitions here; if that worker is dead or stopped, the
 * queue has already given its attempts to someone else (attempt + 1), so the old dispatch — a
 * redelivery of an attempt that may even have started there — must not run again here.
 */
@ApplicationScoped
public class PeerWorkers {

    private static final Logger LOG = Logger.getLogger(PeerWorkers.class);
    private static final Duration FRESH = Duration.ofSeconds(1);

    private record Answer(boolean gone, long atNanos) {
    }

    private final HttpClient http = CoordinatorHttp.client();
    private final URI workers;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    @Inject
    public PeerWorkers(WorkerConfig config) {
        this(config.coordinatorUrl());
    }

    PeerWorkers(String coordinatorUrl) {
        String base = coordinatorUrl.endsWith("/") ? coordinatorUrl.substring(0, coordinatorUrl.length() - 1)
                : coordinatorUrl;
        this.workers = URI.create(base + "/api/workers");
    }

    /**
     * True when the coordinator lists {@code workerId} as DEAD or STOPPED. Unknown workers and an
     * unreachable coordinator count as not gone: the dispatch then runs (at least once).
     */
    public boolean isGone(String workerId) {
        Answer known = answers.get(workerId);
        if (known != null && System.nanoTime() - known.atNanos() < FRESH.toNanos()) {
            return known.gone();
        }
        boolean gone = ask(workerId);
        answers.put(workerId, new Answer(gone, System.nanoTime()));
        return gone;
    }

    private boolean ask(String workerId) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(workers).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            for (JsonNode worker : Json.mapper().readTree(response.body())) {
                if (workerId.equals(worker.path("id").asText())) {
                    String state = worker.path("state").asText();
                    return "DEAD".equals(state) || "STOPPED".equals(state);
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.debugf("cannot ask the coordinator about worker %s: %s", workerId, e.toString());
            return false;
        }
    }
}
