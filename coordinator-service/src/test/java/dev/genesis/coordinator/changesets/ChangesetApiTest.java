package dev.genesis.coordinator.changesets;

import static dev.genesis.coordinator.changesets.ChangesetBuilder.aChangeset;
import static dev.genesis.coordinator.locks.LockApi.acquire;
import static dev.genesis.coordinator.locks.LockApi.release;
import static dev.genesis.coordinator.locks.LockRequestBuilder.aLock;
import static dev.genesis.coordinator.metrics.Metrics.scrape;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.common.testing.PrometheusScrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class ChangesetApiTest {

    private static final String FIVE_LINES = "one\ntwo\nthree\nfour\nfive\n";

    /** Every test works under its own folder, so leftovers of other tests never interfere. */
    private final String ns = "cs-" + UUID.randomUUID() + "/";

    private static JsonPath leaseFor(ChangesetBuilder changeset, String... writes) {
        return acquire(aLock(changeset.holder()).writes(writes).waitMs(5_000)).statusCode(200).extract().jsonPath();
    }

    /** Commits under a fresh lease on {@code writes}, released afterwards, as a worker would. */
    private static ValidatableResponse commit(ChangesetBuilder changeset, String... writes) {
        JsonPath lease = leaseFor(changeset, writes);
        try {
            return changeset.lease(lease).post();
        } finally {
            release(lease.getString("leaseId")).statusCode(204);
        }
    }

    private static String text(String path) {
        return new String(given().when().get("/api/workspace/files/" + path).then().statusCode(200)
                .extract().asByteArray(), StandardCharsets.UTF_8);
    }

    private int seed(String path, String text) {
        return commit(aChangeset("seed").file(path, null, text), path).statusCode(200)
                .extract().path("files[0].version");
    }

    @Test
    void aChangesetLandsEveryFileAtOnceAfterASnapshot() {
        int base = seed(ns + "src/a.txt", "a-1");

        JsonPath result = commit(aChangeset("edit").file(ns + "src/a.txt", base, "a-2")
                .file(ns + "src/new.txt", null, "fresh").deleted(ns + "src/never.txt", null), ns + "src/")
                .statusCode(200).extract().jsonPath();

        assertThat(result.getList("files.path")).containsExactly(ns + "src/a.txt", ns + "src/never.txt",
                ns + "src/new.txt");
        assertThat(result.getList("files.version", Integer.class)).containsExactly(base + 1, 0, 1);
        assertThat(text(ns + "src/a.txt")).isEqualTo("a-2");
        assertThat(text(ns + "src/new.txt")).isEqualTo("fresh");
        // the snapshot taken before the commit still holds the old version
        long snapshotId = result.getLong("snapshotId");
        assertThat(given().when().get("/api/snapshots").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).contains(snapshotId);
        given().when().get("/api/workspace/files?prefix=" + ns + "src/").then().statusCode(200)
                .body("path", contains(ns + "src/a.txt", ns + "src/new.txt"));
    }

    @Test
    void aStaleTokenIsRejectedAndNothingLands() {
        String path = ns + "f.txt";
        int base = seed(path, "v1");
        ChangesetBuilder old = aChangeset("old");
        JsonPath oldLease = acquire(aLock(old.holder()).writes(ns).leaseMs(300)).statusCode(200)
                .extract().jsonPath();

        // the old holder pauses past its lease; a new holder takes the path and commits
        ChangesetBuilder current = aChangeset("new").file(path, base, "new");
        JsonPath newLease = leaseFor(current, path);
        current.lease(newLease).post().statusCode(200);

        old.lease(oldLease).file(path, base, "old").file(ns + "other.txt", null, "x").post().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://genesis.dev/problems/stale-token"));
        // a live lease with somebody else's token is refused too
        aChangeset("thief").lease(newLease).file(path, base + 1, "stolen").post().statusCode(409)
                .body("type", equalTo("https://genesis.dev/problems/stale-token"));

        assertThat(text(path)).isEqualTo("new");
        given().when().get("/api/workspace/files/" + ns + "other.txt").then().statusCode(404);
        release(newLease.getString("leaseId"));
    }

    @Test
    void aPathOutsideTheLeasesWritesIsRefused() {
        commit(aChangeset("wide").file(ns + "in/a.txt", null, "a").file(ns + "out/b.txt", null, "b"), ns + "in/")
                .statusCode(403).contentType("application/problem+json")
                .body("detail", containsString(ns + "out/b.txt"));
        given().when().get("/api/workspace/files/" + ns + "in/a.txt").then().statusCode(404);
    }

    @Test
    void twoChangesetsFromOneBaseEditingDifferentLinesAreBothMerged() {
        String path = ns + "shared.txt";
        int base = seed(path, FIVE_LINES);

        commit(aChangeset("first").merge().file(path, base, FIVE_LINES.replace("one", "ONE")), path)
                .statusCode(200).body("files[0].merged", equalTo(false));
        commit(aChangeset("second").merge().file(path, base, FIVE_LINES.replace("five", "FIVE")), path)
                .statusCode(200).body("files[0].merged", equalTo(true))
                .body("files[0].version", equalTo(base + 2));

        assertThat(text(path)).isEqualTo("ONE\ntwo\nthree\nfour\nFIVE\n");
    }

    @Test
    void twoChangesetsEditingTheSameLinesConflictAndNeitherEditIsLost() {
        PrometheusScrape before = scrape();
        String path = ns + "shared.txt";
        String runId = UUID.randomUUID().toString();
        int base = seed(path, FIVE_LINES);
        commit(aChangeset("first").merge().file(path, base, FIVE_LINES.replace("three", "THREE by first")), path)
                .statusCode(200);

        JsonPath problem = commit(aChangeset(runId, "second").merge()
                .file(path, base, FIVE_LINES.replace("three", "3 by second"))
                .file(ns + "clean.txt", null, "would be fine alone"), path, ns + "clean.txt")
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://genesis.dev/problems/merge-conflict"))
                .body("conflicts", hasSize(1))
                .body("conflicts[0].path", equalTo(path))
                .body("conflicts[0].baseVersion", equalTo(base))
                .body("conflicts[0].currentVersion", equalTo(base + 1))
                .extract().jsonPath();

        // nothing of the second changeset landed; the first edit stays
        assertThat(text(path)).isEqualTo(FIVE_LINES.replace("three", "THREE by first"));
        given().when().get("/api/workspace/files/" + ns + "clean.txt").then().statusCode(404);
        // the conflict holds the second edit
        long id = problem.getLong("conflicts[0].conflictId");
        given().when().get("/api/conflicts/" + id).then().statusCode(200)
                .body("runId", equalTo(runId)).body("taskId", equalTo("second"))
                .body("holder", equalTo(runId + "/second#1")).body("kind", equalTo("merge"))
                .body("base", equalTo(FIVE_LINES))
                .body("ours", equalTo(FIVE_LINES.replace("three", "3 by second")))
                .body("theirs", equalTo(FIVE_LINES.replace("three", "THREE by first")));
        List<Long> ofRun = given().queryParam("runId", runId).when().get("/api/conflicts").then().statusCode(200)
                .extract().jsonPath().getList("id", Long.class);
        assertThat(ofRun).containsExactly(id);
        assertThat(given().when().get("/api/conflicts").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).contains(id).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        PrometheusScrape after = scrape();
        assertThat(after.since(before, "genesis_coordinator_merge_conflicts_total", "mode", "merge")).isEqualTo(1);
        assertThat(after.since(before, "genesis_coordinator_merge_conflicts_total", "mode", "lock")).isZero();
        assertThat(after.since(before, "genesis_coordinator_changesets_committed_total")).as("seed and first").isEqualTo(2);
    }

    @Test
    void inLockModeAStaleBaseIsAConflict() {
        PrometheusScrape before = scrape();
        String path = ns + "locked.txt";
        int base = seed(path, "a\nb\n");
        commit(aChangeset("first").file(path, base, "A\nb\n"), path).statusCode(200);

        commit(aChangeset("second").file(path, base, "a\nB\n"), path).statusCode(409)
                .body("type", equalTo("https://genesis.dev/problems/merge-conflict"));
        assertThat(text(path)).isEqualTo("A\nb\n");
        assertThat(scrape().since(before, "genesis_coordinator_merge_conflicts_total", "mode", "lock")).isEqualTo(1);
    }

    @Test
    void invalidChangesetsAre400ProblemsNamingTheField() {
        aChangeset("bad").file("../escape.txt", null, "x").post().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("leaseId", "token", "files[0].path"));
    }
}
