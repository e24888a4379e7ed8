package dev.genesis.coordinator.bus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genesis.common.events.BusMessage;
import dev.genesis.common.testing.GenesisTestServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class BusApiTest {

    @Inject
    BusFeed feed;

    @Test
    void aPostedMessageTravelsThroughKafkaToTheChannelsFollowers() {
        String channel = "chan-" + UUID.randomUUID();
        String runId = UUID.randomUUID().toString();
        List<BusMessage> seen = new CopyOnWriteArrayList<>();
        Cancellable following = feed.channel(channel).subscribe().with(seen::add);
        try {
            // the bus consumer starts at the end of the topic, so post until one is seen
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
                given().header("X-Genesis-Sender", "agent-a").contentType("text/plain").body("hello")
                        .queryParam("runId", runId)
                        .when().post("/api/bus/" + channel).then().statusCode(202);
                return !seen.isEmpty();
            });
        } finally {
            following.cancel();
        }
        BusMessage first = seen.get(0);
        assertThat(first.channel()).isEqualTo(channel);
        assertThat(first.body()).isEqualTo("hello");
        assertThat(first.sender()).isEqualTo("agent-a");
        assertThat(first.runId()).hasToString(runId);
    }

    @Test
    void aBadChannelNameIsA400Problem() {
        given().body("x").when().post("/api/bus/bad%20channel").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
