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
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class SnapshotApiTest {

    private final String ns = "snap-" + UUID.randomUUID() + "/";

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
}
