package dev.genesis.coordinator.bus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genesis.common.testing.GenesisTestServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class BusRequestReplyTest {

    @Inject
    BusFeed feed;

    @Test
    void aRequestGetsTheReplyOfAnAgentThroughKafka() {
        String channel = "ask-" + UUID.randomUUID();
        // the responder: another agent that follows the channel and answers through the REST API
        // (off the consumer's thread, which must not block)
        Cancellable responder = feed.channel(channel).subscribe().with(request -> CompletableFuture.runAsync(
                () -> given().header(BusResource.CORRELATION_HEADER, request.correlationId())
                        .header("X-Genesis-Sender", "agent-b").contentType("text/plain")
                        .body("pong: " + request.body())
                        .when().post("/api/bus/" + request.replyTo()).then().statusCode(202)));
        AtomicReference<Response> answer = new AtomicReference<>();
        try {
            // the bus consumer starts at the end of the topic, so ask until its partitions are assigned
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Response response = given().header("X-Genesis-Sender", "agent-a").contentType("text/plain")
                        .body("ping").queryParam("timeoutMs", 2000)
                        .when().post("/api/bus/" + channel + "/request");
                answer.set(response);
                return response.statusCode() == 200;
            });
        } finally {
            responder.cancel();
        }
        assertThat(answer.get().asString()).isEqualTo("pong: ping");
        assertThat(answer.get().header("X-Genesis-Sender")).isEqualTo("agent-b");
        assertThat(answer.get().header(BusResource.CORRELATION_HEADER)).isNotBlank();
    }

    @Test
    void aRequestNobodyAnswersIsA504ProblemAfterItsTimeout() {
        long start = System.nanoTime();
        given().contentType("text/plain").body("anyone?").queryParam("timeoutMs", 300)
                .when().post("/api/bus/nobody-" + UUID.randomUUID() + "/request").then().statusCode(504)
                .contentType("application/problem+json");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(300),
                Duration.ofSeconds(5));
    }
}
