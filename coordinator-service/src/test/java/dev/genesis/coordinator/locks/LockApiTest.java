package dev.genesis.coordinator.locks;

import static dev.genesis.coordinator.locks.LockApi.acquire;
import static dev.genesis.coordinator.locks.LockApi.release;
import static dev.genesis.coordinator.locks.LockRequestBuilder.aLock;
import static dev.genesis.coordinator.metrics.Metrics.scrape;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.common.testing.PrometheusScrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class LockApiTest {

    /** Every test works under its own folder, so leftovers of other tests never conflict. */
    private final String ns = "t-" + UUID.randomUUID() + "/";

    private JsonPath granted(LockRequestBuilder request) {
        return acquire(request).statusCode(200).extract().jsonPath();
    }

    private static final String ACQUISITIONS = "genesis_coordinator_lock_acquisitions_total";
    private static final String WAIT = "genesis_coordinator_lock_wait_seconds";

    @Test
    void folderWriterBlocksFileWriterUntilReleased() {
        PrometheusScrape before = scrape();
        JsonPath first = granted(aLock("run/a#1").writes(ns + "src/"));

        acquire(aLock("run/b#1").writes(ns + "src/a.txt").waitMs(200))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString(ns + "src/a.txt"))
                .body("detail", containsString("run/a#1"));

        release(first.getString("leaseId")).statusCode(204);
        granted(aLock("run/b#1").writes(ns + "src/a.txt"));

        PrometheusScrape after = scrape();
        assertThat(after.since(before, ACQUISITIONS, "outcome", "granted")).isEqualTo(2);
        assertThat(after.since(before, ACQUISITIONS, "outcome", "denied")).isEqualTo(1);
        assertThat(after.since(before, "genesis_coordinator_lock_contended_total")).isEqualTo(1);
        assertThat(after.typeOf(WAIT)).isEqualTo("histogram");
        assertThat(after.since(before, WAIT + "_count", "outcome", "denied")).isEqualTo(1);
        // The denied request waited its 200 ms out: not under 100 ms, within 30 s.
        assertThat(after.since(before, WAIT + "_bucket", "outcome", "denied", "le", "0.1")).isZero();
        assertThat(after.since(before, WAIT + "_bucket", "outcome", "denied", "le", "30.0")).isEqualTo(1);
        assertThat(after.since(before, WAIT + "_count", "outcome", "granted")).isEqualTo(2);
    }

    @Test
    void theActiveLeasesGaugeCountsTheLiveLeases() {
        List<String> mine = List.of(
                granted(aLock("run/g1#1").writes(ns + "g1.txt").leaseMs(120_000)).getString("leaseId"),
                granted(aLock("run/g2#1").writes(ns + "g2.txt").leaseMs(120_000)).getString("leaseId"),
                granted(aLock("run/g3#1").reads(ns + "g3/").leaseMs(120_000)).getString("leaseId"));

        // Other tests' short leases may expire between the two reads: compare until both agree.
        await().untilAsserted(() -> {
            double gauge = scrape().value("genesis_coordinator_leases_active");
            assertThat(gauge).isGreaterThanOrEqualTo(3).isEqualTo(listedLeases());
        });
        mine.forEach(id -> release(id).statusCode(204));
        await().untilAsserted(() -> assertThat(scrape().value("genesis_coordinator_leases_active"))
                .isEqualTo(listedLeases()));
    }

    private static double listedLeases() {
        return given().when().get("/api/locks").then().statusCode(200).extract().jsonPath().getList("leaseId").size();
    }

    @Test
    void fileWriterBlocksFolderWriter() {
        granted(aLock("run/a#1").writes(ns + "src/deep/a.txt"));

        acquire(aLock("run/b#1").writes(ns + "src/")).statusCode(409);
        granted(aLock("run/c#1").writes(ns + "src/other.txt"));
    }

    @Test
    void twoReadersOfOnePathAreBothGranted() {
        granted(aLock("run/a#1").reads(ns + "lib.txt"));
        granted(aLock("run/b#1").reads(ns + "lib.txt"));
    }

    @Test
    void aWriteAndAReadOfOnePathConflictBothWays() {
        granted(aLock("run/a#1").writes(ns + "w.txt"));
        acquire(aLock("run/b#1").reads(ns + "w.txt")).statusCode(409);

        granted(aLock("run/c#1").reads(ns + "r.txt"));
        acquire(aLock("run/d#1").writes(ns + "r.txt")).statusCode(409);
    }

    @Test
    void aSetIsGrantedWhollyOrNotAtAll() {
        granted(aLock("run/a#1").writes(ns + "b.txt"));

        acquire(aLock("run/b#1").writes(ns + "a.txt", ns + "b.txt")).statusCode(409);

        // a.txt must not have been kept by the refused request
        granted(aLock("run/c#1").writes(ns + "a.txt"));
    }

    @Test
    void tokensStrictlyIncrease() {
        long previous = 0;
        for (int i = 0; i < 5; i++) {
            JsonPath lease = granted(aLock("run/t#" + i).writes(ns + "x.txt"));
            assertThat(lease.getLong("token")).isGreaterThan(previous);
            previous = lease.getLong("token");
            release(lease.getString("leaseId")).statusCode(204);
        }
    }

    @Test
    void anUnrenewedLeaseExpiresAndTheNextHolderGetsALargerToken() {
        JsonPath first = granted(aLock("run/a#1").writes(ns + "e.txt").leaseMs(300));

        JsonPath second = granted(aLock("run/b#1").writes(ns + "e.txt").waitMs(5_000));

        assertThat(second.getLong("token")).isGreaterThan(first.getLong("token"));
        given().when().post("/api/locks/" + first.getString("leaseId") + "/renew").then()
                .statusCode(410).contentType("application/problem+json");
    }

    @Test
    void aRenewedLeaseOutlivesItsFirstTerm() {
        JsonPath lease = granted(aLock("run/a#1").writes(ns + "r.txt").leaseMs(1_000));

        String renewed = given().contentType(ContentType.JSON).body("{\"leaseMs\": 60000}")
                .when().post("/api/locks/" + lease.getString("leaseId") + "/renew")
                .then().statusCode(200).body("leaseId", equalTo(lease.getString("leaseId")))
                .extract().path("expiresAt");

        assertThat(java.time.Instant.parse(renewed)).isAfter(java.time.Instant.parse(lease.getString("expiresAt")));
        acquire(aLock("run/b#1").writes(ns + "r.txt").waitMs(1_500)).statusCode(409);
    }

    @Test
    void releaseIsIdempotent() {
        JsonPath lease = granted(aLock("run/a#1").writes(ns + "i.txt"));

        release(lease.getString("leaseId")).statusCode(204);
        release(lease.getString("leaseId")).statusCode(204);
        release("no-such-lease").statusCode(204);
    }

    @Test
    void leasesAreListedWithHolderPathsModeAndToken() {
        JsonPath lease = granted(aLock("run/list#1").owner("worker-list").writes(ns + "l.txt").reads(ns + "d/"));

        List<java.util.Map<String, Object>> mine = given().when().get("/api/locks").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.leaseId == '" + lease.getString("leaseId") + "' }");

        assertThat(mine).hasSize(1);
        assertThat(mine.get(0)).containsEntry("holder", "run/list#1").containsEntry("owner", "worker-list")
                .containsEntry("mode", "write").containsEntry("writes", List.of(ns + "l.txt"))
                .containsEntry("reads", List.of(ns + "d/"));
        assertThat(((Number) mine.get(0).get("token")).longValue()).isEqualTo(lease.getLong("token"));
    }

    @Test
    void badPathsAreRejectedWithAProblem() {
        acquire(aLock("run/a#1").writes("../etc/passwd")).statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("writes[0]"));
        acquire(aLock("run/a#1").reads("/abs")).statusCode(400);
        acquire(aLock("run/a#1")).statusCode(400);
    }

    @Test
    void anUnreadableBodyIsAProblemNotA500() {
        given().contentType(ContentType.JSON).body("{not json").when().post("/api/locks/acquire")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void readinessIncludesRedis() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'redis' }.status", equalTo("UP"));
    }
}
