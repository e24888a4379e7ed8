package dev.genesis.coordinator.changesets;

import static dev.genesis.coordinator.changesets.ChangesetBuilder.aChangeset;
import static dev.genesis.coordinator.locks.LockApi.acquire;
import static dev.genesis.coordinator.locks.LockApi.release;
import static dev.genesis.coordinator.locks.LockRequestBuilder.aLock;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.genesis.common.testing.GenesisTestServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class RunRollbackApiTest {

    private final String ns = "rb-" + UUID.randomUUID() + "/";

    private static ValidatableResponse commit(ChangesetBuilder changeset, String... writes) {
        JsonPath lease = acquire(aLock(changeset.holder()).writes(writes).waitMs(5_000)).statusCode(200)
                .extract().jsonPath();
        try {
            return changeset.lease(lease).post().statusCode(200);
        } finally {
            release(lease.getString("leaseId"));
        }
    }

    private static byte[] bytes(String path) {
        return given().when().get("/api/workspace/files/" + path).then().statusCode(200).extract().asByteArray();
    }

    private static byte[] everyByte() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return all;
    }

    @Test
    void rollingBackARunRestoresTheExactBytesOfEveryFileItTouched() {
        byte[] binary = everyByte();
        byte[] text = "line 1\r\nline 2\n".getBytes(StandardCharsets.UTF_8);
        commit(aChangeset("seed").file(ns + "img.bin", null, binary).file(ns + "doc.txt", null, text), ns);
        String runId = UUID.randomUUID().toString();
        commit(aChangeset(runId, "one").file(ns + "img.bin", 1, new byte[] {9, 9}).file(ns + "new.txt", null, "n"),
                ns);
        commit(aChangeset(runId, "two").file(ns + "img.bin", 2, new byte[] {7}).deleted(ns + "doc.txt", 1), ns);

        given().when().post("/api/workspace/runs/" + runId + "/rollback").then().statusCode(200)
                .body("restored", hasSize(3)).body("conflicts", hasSize(0));

        assertThat(bytes(ns + "img.bin")).isEqualTo(binary);
        assertThat(bytes(ns + "doc.txt")).isEqualTo(text);
        given().when().get("/api/workspace/files/" + ns + "new.txt").then().statusCode(404);
        // the run's versions are still in the history
        assertThat(given().when().get("/api/workspace/files/" + ns + "img.bin?version=3").then().statusCode(200)
                .extract().asByteArray()).containsExactly(7);
    }

    @Test
    void aFileChangedByOthersAfterTheRunIsReportedNotOverwritten() {
        commit(aChangeset("seed").file(ns + "a.txt", null, "a0").file(ns + "b.txt", null, "b0"), ns);
        String runId = UUID.randomUUID().toString();
        commit(aChangeset(runId, "edit").file(ns + "a.txt", 1, "a-run").file(ns + "b.txt", 1, "b-run"), ns);
        commit(aChangeset("later").file(ns + "b.txt", 2, "b-later"), ns);

        JsonPath result = given().when().post("/api/workspace/runs/" + runId + "/rollback").then().statusCode(200)
                .body("restored", hasSize(1)).body("restored[0].path", equalTo(ns + "a.txt"))
                .body("conflicts", hasSize(1)).body("conflicts[0].path", equalTo(ns + "b.txt"))
                .extract().jsonPath();

        assertThat(new String(bytes(ns + "a.txt"), StandardCharsets.UTF_8)).isEqualTo("a0");
        assertThat(new String(bytes(ns + "b.txt"), StandardCharsets.UTF_8)).isEqualTo("b-later");
        given().when().get("/api/conflicts/" + result.getLong("conflicts[0].conflictId")).then().statusCode(200)
                .body("kind", equalTo("rollback")).body("runId", equalTo(runId))
                .body("ours", equalTo("b0")).body("theirs", equalTo("b-later")).body("base", equalTo("b-run"));
    }

    @Test
    void aRunWithoutChangesIsA404Problem() {
        given().when().post("/api/workspace/runs/" + UUID.randomUUID() + "/rollback").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
