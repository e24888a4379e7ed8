package dev.genesis.coordinator.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.genesis.common.testing.GenesisTestServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
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

    @Test
    void unknownSnapshotsAndBlankNamesAreProblems() {
        given().when().post("/api/snapshots/987654321/rollback").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"name\":\" \"}").when().post("/api/snapshots").then()
                .statusCode(400).contentType("application/problem+json");
    }
}
