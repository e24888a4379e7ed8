package dev.genesis.coordinator.locks;

import static dev.genesis.coordinator.locks.LockApi.acquire;
import static dev.genesis.coordinator.locks.LockApi.release;
import static dev.genesis.coordinator.locks.LockRequestBuilder.aLock;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genesis.common.testing.GenesisTestServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What the dashboard reads about locks: when each lease was granted, and who waits for which paths. */
@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class LockWaitsApiTest {

    private final String ns = "t-" + UUID.randomUUID() + "/";

    @Test
    void leaseShowsWhenItWasGranted() {
        Instant before = Instant.now().minusMillis(5);
        String leaseId = acquire(aLock("run/a#1").writes(ns + "a.txt")).statusCode(200)
                .extract().jsonPath().getString("leaseId");

        JsonPath list = given().get("/api/locks").then().statusCode(200).extract().jsonPath();
        Instant acquiredAt = Instant.parse(list.getString("find { it.leaseId == '" + leaseId + "' }.acquiredAt"));
        assertThat(acquiredAt).isBetween(before, Instant.now().plusMillis(5));
    }

    @Test
    void aBlockedRequestIsListedAsWaitingUntilItIsGranted() {
        String first = acquire(aLock("run/a#1").writes(ns + "src/")).statusCode(200)
                .extract().jsonPath().getString("leaseId");
        String waiter = "run/b#1-" + UUID.randomUUID();
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() ->
                acquire(aLock(waiter).owner("w-waiting").writes(ns + "src/x.txt").waitMs(20_000)).statusCode(200)
                        .extract().jsonPath().getString("leaseId"));

        String me = "find { it.holder == '" + waiter + "' }";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath waiting = given().get("/api/locks/waiting").then().statusCode(200).extract().jsonPath();
            assertThat(waiting.getString(me + ".owner")).isEqualTo("w-waiting");
            assertThat(waiting.getString(me + ".mode")).isEqualTo("write");
            assertThat(waiting.getList(me + ".writes")).containsExactly(ns + "src/x.txt");
            assertThat(waiting.getString(me + ".since")).isNotNull();
        });

        release(first).statusCode(204);
        assertThat(second.join()).isNotBlank();
        assertThat(given().get("/api/locks/waiting").then().statusCode(200).extract().jsonPath()
                .getList("holder")).doesNotContain(waiter);
    }
}
