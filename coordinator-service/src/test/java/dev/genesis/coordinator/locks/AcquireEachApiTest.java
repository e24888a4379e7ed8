package dev.genesis.coordinator.locks;

import static dev.genesis.coordinator.locks.LockApi.acquire;
import static dev.genesis.coordinator.locks.LockApi.acquireEach;
import static dev.genesis.coordinator.locks.LockApi.release;
import static dev.genesis.coordinator.locks.LockApi.releaseThenAcquireEach;
import static dev.genesis.coordinator.locks.LockRequestBuilder.aLock;
import static dev.genesis.coordinator.metrics.Metrics.scrape;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.genesis.common.spec.ResourcePaths;
import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.common.testing.PrometheusScrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST /api/locks/acquire-each}: the queue's one-call, never-waiting grant for a dispatch round. */
@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class AcquireEachApiTest {

    private static final String ACQUISITIONS = "genesis_coordinator_lock_acquisitions_total";

    @Inject
    LockManager locks;

    /** Every test works under its own folder, so leftovers of other tests never conflict. */
    private final String ns = "each-" + UUID.randomUUID() + "/";

    /** Holders of this test only, so that other tests' live leases never match a lookup. */
    private final String run = "run-" + UUID.randomUUID() + "/";

    private static JsonPath results(LockRequestBuilder... requests) {
        return acquireEach(requests).statusCode(200).extract().jsonPath();
    }

    private static JsonPath leases() {
        return given().when().get("/api/locks").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void freeSetsAreAllGrantedWithIncreasingTokensAsOrdinaryLeases() {
        Instant before = Instant.now();
        JsonPath answer = results(
                aLock(run + "a#1").owner("w-each").writes(ns + "a.txt"),
                aLock(run + "b#1").owner("w-each").writes(ns + "b/").reads(ns + "./lib.txt").leaseMs(60_000),
                aLock(run + "c#1").owner("w-other").reads(ns + "lib.txt", ns + "docs/"));

        assertThat(answer.getList("results")).hasSize(3);
        assertThat(answer.getList("results.granted")).containsExactly(true, true, true);
        List<Long> tokens = answer.getList("results.token", Long.class);
        assertThat(tokens.get(0)).isPositive();
        assertThat(tokens.get(1)).isGreaterThan(tokens.get(0));
        assertThat(tokens.get(2)).isGreaterThan(tokens.get(1));
        assertThat(answer.getList("results.leaseId", String.class)).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(answer.getList("results.holder")).containsExactly(run + "a#1", run + "b#1", run + "c#1");
        assertThat(answer.getList("results.owner")).containsExactly("w-each", "w-each", "w-other");
        assertThat(answer.getList("results[1].writes")).containsExactly(ns + "b/");
        assertThat(answer.getList("results[1].reads")).as("normalized").containsExactly(ns + "lib.txt");
        assertThat(answer.getList("results[2].reads")).containsExactly(ns + "lib.txt", ns + "docs/");
        assertThat(answer.getList("results[2].writes")).isEmpty();
        assertThat(answer.getString("results[0].path")).isNull();
        Instant expires0 = Instant.parse(answer.getString("results[0].expiresAt"));
        Instant expires1 = Instant.parse(answer.getString("results[1].expiresAt"));
        assertThat(expires0).isBetween(before.plusSeconds(29), before.plusSeconds(35));
        assertThat(expires1).isBetween(before.plusSeconds(59), before.plusSeconds(65));

        // Listed like any lease, with the grant's token, mode and acquiredAt.
        JsonPath listed = leases();
        for (int i = 0; i < 3; i++) {
            String me = "find { it.leaseId == '" + answer.getString("results[" + i + "].leaseId") + "' }";
            assertThat(listed.getLong(me + ".token")).isEqualTo(tokens.get(i));
            assertThat(listed.getString(me + ".holder")).isEqualTo(answer.getString("results[" + i + "].holder"));
            assertThat(Instant.parse(listed.getString(me + ".acquiredAt")))
                    .isBetween(before.minusMillis(5), Instant.now().plusMillis(5));
        }
        assertThat(listed.getString("find { it.leaseId == '" + answer.getString("results[0].leaseId") + "' }.mode"))
                .isEqualTo("write");
        assertThat(listed.getString("find { it.leaseId == '" + answer.getString("results[2].leaseId") + "' }.mode"))
                .isEqualTo("read");

        // The fence marks every path with its grant's token, folders covering what is under them.
        assertThat(locks.newestToken(ns + "a.txt")).isEqualTo(tokens.get(0));
        assertThat(locks.newestToken(ns + "b/deep/x.txt")).isEqualTo(tokens.get(1));
        assertThat(locks.newestToken(ns + "lib.txt")).isEqualTo(tokens.get(2));

        // Renewable and releasable like leases from /acquire.
        for (int i = 0; i < 3; i++) {
            String leaseId = answer.getString("results[" + i + "].leaseId");
            String renewed = given().contentType(ContentType.JSON).body("{\"leaseMs\": 120000}")
                    .when().post("/api/locks/" + leaseId + "/renew").then().statusCode(200)
                    .extract().path("expiresAt");
            assertThat(Instant.parse(renewed)).isAfter(expires1);
            release(leaseId).statusCode(204);
            given().when().post("/api/locks/" + leaseId + "/renew").then().statusCode(410);
        }
        assertThat(leases().getList("leaseId")).doesNotContainAnyElementsOf(answer.getList("results.leaseId"));
        acquire(aLock(run + "d#1").writes(ns + "a.txt", ns + "b/", ns + "lib.txt")).statusCode(200);
    }

    @Test
    void aSetInConflictWithALiveLeaseIsRefusedAndTheOthersAreGranted() {
        acquire(aLock(run + "held#1").writes(ns + "src/")).statusCode(200);
        PrometheusScrape before = scrape();

        JsonPath answer = results(
                aLock(run + "a#1").writes(ns + "free.txt"),
                aLock(run + "b#1").writes(ns + "other.txt", ns + "src/main/b.txt"),
                aLock(run + "c#1").reads(ns + "other.txt", ns + "docs/"));

        assertThat(answer.getList("results.granted")).containsExactly(true, false, true);
        Map<String, Object> refused = answer.getMap("results[1]");
        assertThat(refused).containsOnlyKeys("granted", "path", "heldBy", "heldPath")
                .containsEntry("path", ns + "src/main/b.txt").containsEntry("heldBy", run + "held#1")
                .containsEntry("heldPath", ns + "src/");
        assertThat(answer.getLong("results[2].token")).isGreaterThan(answer.getLong("results[0].token"));
        // other.txt was not kept by the refused set: the reader after it got it.
        assertThat(leases().getList("holder")).doesNotContain(run + "b#1").contains(run + "a#1", run + "c#1");

        PrometheusScrape after = scrape();
        assertThat(after.since(before, ACQUISITIONS, "outcome", "granted")).isEqualTo(2);
        assertThat(after.since(before, ACQUISITIONS, "outcome", "denied")).isZero();
        assertThat(after.since(before, "genesis_coordinator_lock_wait_seconds_count", "outcome", "granted"))
                .isEqualTo(2);
    }

    @Test
    void withinOneCallTheFirstOfTwoConflictingSetsWins() {
        JsonPath answer = results(
                aLock(run + "a#1").writes(ns + "f.txt"),
                aLock(run + "b#1").writes(ns + "f.txt"),
                aLock(run + "c#1").writes(ns + "dir/"),
                aLock(run + "d#1").reads(ns + "dir/sub/x.txt"),
                aLock(run + "e#1").reads(ns + "shared.txt"),
                aLock(run + "f#1").reads(ns + "shared.txt"),
                aLock(run + "g#1").writes(ns + "g.txt"),
                aLock(run + "h#1").writes(ns + "g.txt", ns + "h.txt"),
                aLock(run + "i#1").writes(ns + "h.txt"));

        assertThat(answer.getList("results.granted"))
                .containsExactly(true, false, true, false, true, true, true, false, true);
        assertThat(answer.getMap("results[1]")).containsEntry("path", ns + "f.txt")
                .containsEntry("heldBy", run + "a#1").containsEntry("heldPath", ns + "f.txt");
        assertThat(answer.getMap("results[3]")).containsEntry("path", ns + "dir/sub/x.txt")
                .containsEntry("heldBy", run + "c#1").containsEntry("heldPath", ns + "dir/");
        assertThat(answer.getMap("results[7]")).containsEntry("path", ns + "g.txt")
                .containsEntry("heldBy", run + "g#1");

        // The refused sets hold nothing: once the winner goes, the path is free.
        release(answer.getString("results[0].leaseId")).statusCode(204);
        acquire(aLock(run + "b#2").writes(ns + "f.txt")).statusCode(200);
        acquire(aLock(run + "x#1").writes(ns + "h.txt")).statusCode(409);
    }

    @Test
    void anInvalidRequestRejectsTheWholeCallAndGrantsNothing() {
        List<String> before = leases().getList("leaseId");

        JsonPath problem = acquireEach(
                aLock(run + "ok#1").writes(ns + "ok.txt"),
                aLock(" ").writes(ns + "a.txt"),
                aLock(run + "c#1").writes(ns + "c.txt", "../etc/passwd"),
                aLock(run + "d#1").reads(ns + "d.txt").leaseMs(0),
                aLock(run + "e#1").owner(""))
                .statusCode(400).contentType("application/problem+json").extract().jsonPath();

        assertThat(problem.getInt("status")).isEqualTo(400);
        List<Map<String, String>> errors = problem.getList("errors");
        assertThat(errors).extracting(e -> e.get("field")).containsExactly("requests[1].holder",
                "requests[2].writes[1]", "requests[3].leaseMs", "requests[4].owner", "requests[4].writes");

        // Leases of other tests may expire meanwhile, but none may have been added.
        List<String> after = leases().getList("leaseId");
        assertThat(before).containsAll(after);
        acquire(aLock(run + "x#1").writes(ns + "ok.txt", ns + "d.txt")).statusCode(200);
    }

    @Test
    void aMissingEmptyOrOversizedListIsRejectedNamingRequests() {
        for (String body : List.of("{\"requests\": []}", "{}", "{\"requests\": null}")) {
            given().contentType(ContentType.JSON).body(body).when().post("/api/locks/acquire-each").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("requests"));
        }
        given().contentType(ContentType.JSON).when().post("/api/locks/acquire-each").then()
                .statusCode(400).body("errors[0].field", equalTo("requests"));

        LockRequestBuilder[] tooMany = Collections.nCopies(257, aLock(run + "many#1").reads(ns + "many.txt"))
                .toArray(LockRequestBuilder[]::new);
        acquireEach(tooMany).statusCode(400).body("errors[0].field", equalTo("requests"));
        assertThat(leases().getList("holder")).doesNotContain(run + "many#1");

        LockRequestBuilder[] most = Collections.nCopies(256, aLock(run + "most#1").reads(ns + "most.txt"))
                .toArray(LockRequestBuilder[]::new);
        JsonPath answer = results(most);
        assertThat(answer.getList("results.granted", Boolean.class)).hasSize(256).containsOnly(true);
        answer.getList("results.leaseId", String.class).forEach(id -> release(id).statusCode(204));
    }

    @Test
    void leasesGivenUpInTheSameCallGoBeforeItsGrants() {
        String a = acquire(aLock(run + "a#1").writes(ns + "f.txt")).statusCode(200).extract().path("leaseId");
        String b = acquire(aLock(run + "b#1").reads(ns + "g.txt")).statusCode(200).extract().path("leaseId");

        JsonPath answer = releaseThenAcquireEach(List.of(a, "no-such-lease"),
                aLock(run + "c#1").writes(ns + "f.txt"),
                aLock(run + "d#1").writes(ns + "g.txt"))
                .statusCode(200).extract().jsonPath();

        assertThat(answer.getInt("released")).as("only a was live").isEqualTo(1);
        assertThat(answer.getList("results.granted")).containsExactly(true, false);
        assertThat(answer.getMap("results[1]")).containsEntry("heldBy", run + "b#1");
        List<String> live = leases().getList("leaseId");
        assertThat(live).doesNotContain(a).contains(b, answer.getString("results[0].leaseId"));
        given().when().post("/api/locks/" + a + "/renew").then().statusCode(410);

        // Nothing to ask for: a call may only give leases up.
        JsonPath released = releaseThenAcquireEach(List.of(b, answer.getString("results[0].leaseId")))
                .statusCode(200).extract().jsonPath();
        assertThat(released.getInt("released")).isEqualTo(2);
        assertThat(released.getList("results")).isEmpty();
        acquire(aLock(run + "e#1").writes(ns + "f.txt", ns + "g.txt")).statusCode(200);
    }

    @Test
    void aBadLeaseIdRejectsTheWholeCallAndReleasesNothing() {
        String held = acquire(aLock(run + "a#1").writes(ns + "h.txt")).statusCode(200).extract().path("leaseId");

        JsonPath problem = releaseThenAcquireEach(Arrays.asList(held, " ", null, "x".repeat(101)),
                aLock(run + "b#1").writes(ns + "free.txt"))
                .statusCode(400).contentType("application/problem+json").extract().jsonPath();

        assertThat(problem.getList("errors.field")).containsExactly("release[1]", "release[2]", "release[3]");
        assertThat(leases().getList("leaseId")).contains(held);
        assertThat(leases().getList("holder")).doesNotContain(run + "b#1");

        releaseThenAcquireEach(Collections.nCopies(1_025, held)).statusCode(400)
                .body("errors[0].field", equalTo("release"));
        assertThat(leases().getList("leaseId")).contains(held);
    }

    @Test
    void releasingAnOwnersLeasesReleasesTheOnesGrantedHere() {
        String owner = "w-dead-" + UUID.randomUUID();
        JsonPath answer = results(
                aLock(run + "a#1").owner(owner).writes(ns + "a.txt"),
                aLock(run + "b#1").owner("w-alive").writes(ns + "b.txt"),
                aLock(run + "c#1").owner(owner).reads(ns + "c/"));
        assertThat(answer.getList("results.granted")).containsExactly(true, true, true);

        assertThat(locks.releaseAllOf(owner)).isEqualTo(2);

        List<String> live = leases().getList("leaseId");
        assertThat(live).doesNotContain(answer.getString("results[0].leaseId"), answer.getString("results[2].leaseId"))
                .contains(answer.getString("results[1].leaseId"));
        acquire(aLock(run + "d#1").writes(ns + "a.txt", ns + "c/x.txt")).statusCode(200);
        acquire(aLock(run + "e#1").writes(ns + "b.txt")).statusCode(409);
    }

    /**
     * The script answers from an index of the held paths: it must grant and refuse exactly as
     * comparing every wanted path with every held one would, over random files and folders.
     */
    @Test
    void grantsAndRefusalsMatchThePairwiseOverlapRuleOnRandomSets() {
        Random random = new Random(11);
        int granted = 0;
        int refused = 0;
        for (int trial = 0; trial < 60; trial++) {
            String trialNs = ns + "t" + trial + "/";
            List<List<String>> writes = new ArrayList<>();
            List<List<String>> reads = new ArrayList<>();
            LockRequestBuilder[] requests = new LockRequestBuilder[6];
            for (int i = 0; i < requests.length; i++) {
                writes.add(randomPaths(random, trialNs, random.nextInt(3)));
                reads.add(randomPaths(random, trialNs, writes.get(i).isEmpty() ? 1 + random.nextInt(2) : random.nextInt(3)));
                requests[i] = aLock(run + "r" + trial + "-" + i + "#1").writes(writes.get(i).toArray(String[]::new))
                        .reads(reads.get(i).toArray(String[]::new));
            }
            JsonPath answer = results(requests);
            List<Integer> grantedSoFar = new ArrayList<>();
            for (int i = 0; i < requests.length; i++) {
                int me = i;
                boolean expected = grantedSoFar.stream().noneMatch(j -> ResourcePaths.anyOverlap(writes.get(me), writes.get(j))
                        || ResourcePaths.anyOverlap(writes.get(me), reads.get(j))
                        || ResourcePaths.anyOverlap(reads.get(me), writes.get(j)));
                assertThat(answer.getBoolean("results[" + i + "].granted"))
                        .as("trial %d request %d: writes %s reads %s after %s", trial, i, writes.get(i), reads.get(i),
                                grantedSoFar)
                        .isEqualTo(expected);
                if (expected) {
                    grantedSoFar.add(i);
                    granted++;
                } else {
                    // The answer names a wanted path and an overlapping path a granted set holds.
                    String path = answer.getString("results[" + i + "].path");
                    String heldPath = answer.getString("results[" + i + "].heldPath");
                    String heldBy = answer.getString("results[" + i + "].heldBy");
                    int holder = Integer.parseInt(heldBy.substring(heldBy.lastIndexOf('-') + 1, heldBy.indexOf('#')));
                    assertThat(grantedSoFar).contains(holder);
                    assertThat(ResourcePaths.overlap(path, heldPath)).isTrue();
                    assertThat(writes.get(holder).contains(heldPath) || reads.get(holder).contains(heldPath)).isTrue();
                    assertThat(writes.get(i).contains(path) || reads.get(i).contains(path)).isTrue();
                    refused++;
                }
            }
            for (int j : grantedSoFar) {
                release(answer.getString("results[" + j + "].leaseId")).statusCode(204);
            }
        }
        // Both answers occur often, so the comparison tests something either way.
        assertThat(granted).isGreaterThan(100);
        assertThat(refused).isGreaterThan(60);
    }

    private static List<String> randomPaths(Random random, String under, int count) {
        String[] segments = {"a", "b", "ab"};
        List<String> paths = new ArrayList<>();
        while (paths.size() < count) {
            StringBuilder path = new StringBuilder(under);
            for (int depth = 1 + random.nextInt(3); depth > 0; depth--) {
                path.append(segments[random.nextInt(segments.length)]);
                if (depth > 1 || random.nextInt(3) == 0) {
                    path.append('/');
                }
            }
            if (!paths.contains(path.toString())) {
                paths.add(path.toString());
            }
        }
        return paths;
    }
}
