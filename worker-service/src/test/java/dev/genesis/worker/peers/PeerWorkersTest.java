package dev.genesis.worker.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Against a real HTTP endpoint that answers as the coordinator's {@code GET /api/workers} does. */
class PeerWorkersTest {

    private static final String WORKERS = """
            [{"id":"alive-1","state":"ALIVE","slots":3},
             {"id":"dead-1","state":"DEAD","slots":3},
             {"id":"stopped-1","state":"STOPPED","slots":3}]""";

    @Test
    void deadAndStoppedWorkersAreGoneAliveAndUnknownOnesAreNot() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        HttpServer coordinator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        coordinator.createContext("/api/workers", exchange -> {
            asked.incrementAndGet();
            byte[] body = WORKERS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        coordinator.start();
        try {
            PeerWorkers peers = new PeerWorkers("http://127.0.0.1:" + coordinator.getAddress().getPort() + "/");
            assertThat(peers.isGone("dead-1")).isTrue();
            assertThat(peers.isGone("stopped-1")).isTrue();
            assertThat(peers.isGone("alive-1")).isFalse();
            assertThat(peers.isGone("never-seen")).isFalse();
            int calls = asked.get();
            assertThat(peers.isGone("dead-1")).as("answered from the last second's answer").isTrue();
            assertThat(asked.get()).isEqualTo(calls);
        } finally {
            coordinator.stop(0);
        }
    }

    @Test
    void anUnreachableCoordinatorMeansNotGone() {
        assertThat(new PeerWorkers("http://127.0.0.1:1").isGone("dead-1")).isFalse();
    }
}
