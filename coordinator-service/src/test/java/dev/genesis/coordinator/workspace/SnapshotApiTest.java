package dev.genesis.coordinator.workspace;

import static dev.genesis.coordinator.changesets.ChangesetBuilder.aChangeset;
import static dev.genesis.coordinator.locks.LockApi.acquire;
import static dev.genesis.coordinator.locks.LockApi.release;
import static dev.genesis.coordinator.locks.LockRequestBuilder.aLock;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.coordinator.changesets.ChangesetBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class SnapshotApiTest {

    private final String ns = "snap-" + UUID.randomUUID() + "/";

    @Inject
    DataSource db;

    private static void put(String path, String text) {
        given().contentType("text/plain").body(text.getBytes(StandardCharsets.UTF_8))
                .when().put("/api/workspace/files/" + path).then().statusCode(200);
    }

    private static String get(String path) {
        return new String(given().when().get("/api/workspace/files/" + path).then().statusCode(200)
                .extract().asByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void rollbackRestoresExactBytesAndRemovesLaterFiles() {
        put(ns + "a.txt", "a-1");
        put(ns + "b.txt", "b-1");
        int id = given().contentType(ContentType.JSON).body("{\"name\":\"before " + ns + "\"}")
                .when().post("/api/snapshots").then().statusCode(201).extract().path("id");
        put(ns + "a.txt", "a-2");
        put(ns + "c.txt", "c-1");

        given().when().post("/api/snapshots/" + id + "/rollback").then().statusCode(200)
                .body("snapshotId", equalTo(id));

        assertThat(get(ns + "a.txt")).isEqualTo("a-1");
        assertThat(get(ns + "b.txt")).isEqualTo("b-1");
        given().when().get("/api/workspace/files/" + ns + "c.txt").then().statusCode(404);
        // history is kept: the overwritten version is still readable
        assertThat(new String(given().when().get("/api/workspace/files/" + ns + "a.txt?version=2").then()
                .statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8)).isEqualTo("a-2");
        assertThat(given().when().get("/api/snapshots").then().statusCode(200).extract().jsonPath()
                .getList("id", Integer.class)).contains(id);
    }

    private static int snapshot(String name) {
        return given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}")
                .when().post("/api/snapshots").then().statusCode(201).extract().path("id");
    }

    @Test
    void theDiffOfTwoSnapshotsNamesAddedRemovedAndChangedPathsWithVersions() {
        put(ns + "same.txt", "s");
        put(ns + "edited.txt", "e-1");
        put(ns + "gone.txt", "g");
        put(ns + "rewritten.txt", "r");
        int from = snapshot("from " + ns);
        put(ns + "edited.txt", "e-2");
        put(ns + "rewritten.txt", "r");
        put(ns + "added.txt", "a");
        ChangesetBuilder delete = aChangeset("delete").deleted(ns + "gone.txt", 1);
        JsonPath lease = acquire(aLock(delete.holder()).writes(ns + "gone.txt")).statusCode(200).extract().jsonPath();
        delete.lease(lease).post().statusCode(200);
        release(lease.getString("leaseId"));
        int to = snapshot("to " + ns);

        JsonPath diff = given().when().get("/api/snapshots/" + from + "/diff/" + to).then().statusCode(200)
                .body("from", equalTo(from)).body("to", equalTo(to)).extract().jsonPath();

        assertThat(mine(diff, "added")).containsExactly(Map.of("path", ns + "added.txt", "version", 1));
        assertThat(mine(diff, "removed")).containsExactly(Map.of("path", ns + "gone.txt", "version", 1));
        assertThat(mine(diff, "changed")).containsExactly(
                Map.of("path", ns + "edited.txt", "fromVersion", 1, "toVersion", 2));
        JsonPath back = given().when().get("/api/snapshots/" + to + "/diff/" + from).then().statusCode(200)
                .extract().jsonPath();
        assertThat(mine(back, "removed")).containsExactly(Map.of("path", ns + "added.txt", "version", 1));
        given().when().get("/api/snapshots/" + from + "/diff/987654321").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private List<Map<String, Object>> mine(JsonPath diff, String list) {
        return diff.getList(list + ".findAll { it.path.startsWith('" + ns + "') }");
    }

    @Test
    void unknownSnapshotsAndBlankNamesAreProblems() {
        given().when().post("/api/snapshots/987654321/rollback").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"name\":\" \"}").when().post("/api/snapshots").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aChangesetsSnapshotIsOneRowAndHoldsTheWorkspaceJustBeforeIt() throws SQLException {
        for (int i = 0; i < 20; i++) {
            put(ns + "f" + i + ".txt", "v1-" + i);
        }
        long rowsBefore = count("SELECT COUNT(*) FROM snapshot_files");
        ChangesetBuilder edit = aChangeset("edit").file(ns + "f3.txt", 1, "v2-3").deleted(ns + "f4.txt", 1);
        JsonPath lease = acquire(aLock(edit.holder()).writes(ns + "f3.txt", ns + "f4.txt")).statusCode(200)
                .extract().jsonPath();
        int before = edit.lease(lease).post().statusCode(200).extract().path("snapshotId");
        release(lease.getString("leaseId"));
        int after = snapshot("after " + ns);

        // Taking the snapshot copied nothing: its files are a point in the history, not rows.
        assertThat(count("SELECT COUNT(*) FROM snapshot_files")).isEqualTo(rowsBefore);
        JsonPath diff = given().when().get("/api/snapshots/" + before + "/diff/" + after).then().statusCode(200)
                .extract().jsonPath();
        assertThat(mine(diff, "changed")).containsExactly(
                Map.of("path", ns + "f3.txt", "fromVersion", 1, "toVersion", 2));
        assertThat(mine(diff, "removed")).containsExactly(Map.of("path", ns + "f4.txt", "version", 1));
        assertThat(mine(diff, "added")).isEmpty();
        int filesBefore = given().when().get("/api/snapshots/" + before).then().statusCode(200)
                .body("id", equalTo(before)).extract().path("files");
        int filesAfter = given().when().get("/api/snapshots/" + after).then().statusCode(200).extract().path("files");
        assertThat(filesAfter).isEqualTo(filesBefore - 1);

        given().when().post("/api/snapshots/" + before + "/rollback").then().statusCode(200);
        assertThat(get(ns + "f3.txt")).isEqualTo("v1-3");
        assertThat(get(ns + "f4.txt")).isEqualTo("v1-4");
        int restored = given().when().get("/api/snapshots/" + snapshot("restored " + ns)).then().statusCode(200)
                .extract().path("files");
        assertThat(restored).isEqualTo(filesBefore);
    }

    @Test
    void snapshotsTakenWhileFilesAreWrittenSeeEachWriteOnceAndInOrder() throws Exception {
        put(ns + "counter.txt", "0");
        int start = snapshot("start " + ns);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= 60; i++) {
                put(ns + "counter.txt", Integer.toString(i));
                put(ns + "n" + i + ".txt", Integer.toString(i));
            }
        });
        List<Integer> taken = new ArrayList<>();
        while (!writer.isDone() || taken.isEmpty()) {
            taken.add(snapshot("during " + ns));
        }
        writer.get();
        int lastVersion = 1;
        int lastAdded = 0;
        for (int id : taken) {
            JsonPath diff = given().when().get("/api/snapshots/" + start + "/diff/" + id).then().statusCode(200)
                    .extract().jsonPath();
            List<Map<String, Object>> changed = mine(diff, "changed");
            int version = changed.isEmpty() ? 1 : (Integer) changed.get(0).get("toVersion");
            int added = mine(diff, "added").size();
            // The counter's version i+1 is written before n<i>.txt: a snapshot holding n<i>.txt holds it too.
            assertThat(version).isGreaterThanOrEqualTo(lastVersion).isGreaterThanOrEqualTo(added + 1);
            assertThat(added).isGreaterThanOrEqualTo(lastAdded).isGreaterThanOrEqualTo(version - 2);
            lastVersion = version;
            lastAdded = added;
        }
        JsonPath whole = given().when().get("/api/snapshots/" + start + "/diff/" + snapshot("end " + ns)).then()
                .statusCode(200).extract().jsonPath();
        assertThat(mine(whole, "added")).hasSize(60);
    }

    @Test
    void writersRollbacksAndSnapshotsAtOnceNeitherDeadlockNorMiscountTheLiveFiles() throws Exception {
        for (int i = 0; i < 8; i++) {
            put(ns + "p" + i + ".txt", "start");
        }
        int start = snapshot("start " + ns);
        List<CompletableFuture<Void>> work = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int writer = w;
            work.add(CompletableFuture.runAsync(() -> {
                for (int k = 0; k < 30; k++) {
                    // New paths too, so that a rollback has files to delete.
                    put(ns + "p" + ((k * 7 + writer) % 12) + ".txt", "w" + writer + "-" + k);
                }
            }));
        }
        work.add(CompletableFuture.runAsync(() -> {
            for (int k = 0; k < 8; k++) {
                given().when().post("/api/snapshots/" + start + "/rollback").then().statusCode(200);
            }
        }));
        work.add(CompletableFuture.runAsync(() -> {
            for (int k = 0; k < 20; k++) {
                snapshot("meanwhile " + ns);
            }
        }));
        CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get();

        int live = given().when().get("/api/workspace/files").then().statusCode(200).extract().jsonPath()
                .getList("path").size();
        int counted = given().when().get("/api/snapshots/" + snapshot("end " + ns)).then().statusCode(200)
                .extract().path("files");
        assertThat(counted).isEqualTo(live);
        given().when().post("/api/snapshots/" + start + "/rollback").then().statusCode(200);
        JsonPath back = given().when().get("/api/snapshots/" + start + "/diff/" + snapshot("back " + ns)).then()
                .statusCode(200).extract().jsonPath();
        assertThat(mine(back, "added")).isEmpty();
        assertThat(mine(back, "removed")).isEmpty();
        assertThat(mine(back, "changed")).isEmpty();
    }

    @Test
    void aSnapshotTakenBeforeSnapshotsWereNumberedIsStillReadFromItsRows() throws SQLException {
        put(ns + "old.txt", "old-1");
        put(ns + "kept.txt", "kept-1");
        long legacy;
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(
                    "INSERT INTO snapshots (name, files) VALUES ('legacy', 1) RETURNING id")) {
                rs.next();
                legacy = rs.getLong(1);
            }
            st.executeUpdate("INSERT INTO snapshot_files (snapshot_id, path, version) VALUES (" + legacy + ", '"
                    + ns + "old.txt', 1)");
        }
        put(ns + "old.txt", "old-2");

        JsonPath diff = given().when().get("/api/snapshots/" + legacy + "/diff/" + snapshot("now " + ns)).then()
                .statusCode(200).extract().jsonPath();
        assertThat(mine(diff, "changed")).containsExactly(Map.of("path", ns + "old.txt", "fromVersion", 1,
                "toVersion", 2));
        assertThat(mine(diff, "added")).containsExactly(Map.of("path", ns + "kept.txt", "version", 1));
    }

    @Test
    void listingsComeNewestFirstInPagesAndRefuseBadLimits() {
        int a = snapshot("a " + ns);
        int b = snapshot("b " + ns);
        int c = snapshot("c " + ns);
        assertThat(given().queryParam("limit", 2).when().get("/api/snapshots").then().statusCode(200).extract()
                .jsonPath().getList("id", Integer.class)).containsExactly(c, b);
        assertThat(given().queryParam("limit", 2).queryParam("before", b).when().get("/api/snapshots").then()
                .statusCode(200).extract().jsonPath().getList("id", Integer.class)).startsWith(a).hasSizeLessThanOrEqualTo(2);
        given().when().get("/api/snapshots/" + a).then().statusCode(200).body("name", equalTo("a " + ns));
        given().when().get("/api/snapshots/987654321").then().statusCode(404).contentType("application/problem+json");
        for (String bad : List.of("0", "1001", "x")) {
            given().queryParam("limit", bad).when().get("/api/snapshots").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        }
        given().queryParam("before", "-1").when().get("/api/snapshots").then().statusCode(400)
                .body("errors[0].field", equalTo("before"));
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
