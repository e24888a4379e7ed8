package dev.genesis.dashboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.genesis.common.events.TaskSucceeded;
import dev.genesis.common.kafka.Topics;
import dev.genesis.common.testing.GenesisTestServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** A (re)started dashboard shows the runs queue-service already holds, then follows their events. */
@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
@QuarkusTestResource(value = FakeQueueService.class, restrictToAnnotatedClass = true)
class QueueBootstrapTest {

    @Test
    void runsStoredInTheQueueAreShownAndThenFollowed() {
        String path = "/api/runs/" + FakeQueueService.RUN;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath run = given().get(path).then().statusCode(200).extract().jsonPath();
            assertThat(run.getString("name")).isEqualTo("seeded-run");
            assertThat(run.getString("tasks.find { it.id == 'a' }.state")).isEqualTo("SUCCEEDED");
            assertThat(run.getString("tasks.find { it.id == 'b' }.kind")).isEqualTo("shell");
            assertThat(run.getList("tasks.find { it.id == 'b' }.dependsOn")).containsExactly("a");
            assertThat(run.getString("tasks.find { it.id == 'b' }.state")).isEqualTo("RUNNING");
        });

        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaEvents kafka = new KafkaEvents(bootstrap)) {
            // Sent until seen: the consumers start at the end and may not own their partitions yet.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                kafka.publish(Topics.TASKS_EVENTS, new TaskSucceeded(FakeQueueService.RUN, "b", 1, "w2",
                        Instant.parse("2026-01-01T10:00:05Z"), "done"));
                return "SUCCEEDED".equals(given().get(path).then().extract().jsonPath()
                        .getString("tasks.find { it.id == 'b' }.state"));
            });
        }
        JsonPath run = given().get(path).then().extract().jsonPath();
        // 2 s + 2 s of work from 10:00:01 to 10:00:05.
        assertThat(run.getDouble("figures.speedUp")).isEqualTo(1.0);
        assertThat(run.getString("tasks.find { it.id == 'b' }.worker")).isEqualTo("w2");
    }

    @Test
    void aRunNotYetOnTheBoardIsLoadedFromTheQueueWhenAskedFor() {
        // No event named it and the seed did not list it: the first request must still find it.
        JsonPath run = given().get("/api/runs/" + FakeQueueService.UNLISTED).then().statusCode(200)
                .extract().jsonPath();
        assertThat(run.getString("name")).isEqualTo("just-submitted");
        assertThat(run.getString("tasks[0].id")).isEqualTo("only");
        assertThat(run.getString("tasks[0].state")).isEqualTo("READY");

        given().get("/api/runs/" + UUID.randomUUID()).then().statusCode(404)
                .body("detail", containsString("on the dashboard"));
    }
}
