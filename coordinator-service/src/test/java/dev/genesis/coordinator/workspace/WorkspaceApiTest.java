package dev.genesis.coordinator.workspace;

import static dev.genesis.coordinator.locks.LockApi.acquire;
import static dev.genesis.coordinator.locks.LockRequestBuilder.aLock;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.genesis.common.testing.GenesisTestServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class WorkspaceApiTest {

    private final String ns = "ws-" + UUID.randomUUID() + "/";

    private static ValidatableResponse put(String path, byte[] bytes, Map<String, String> headers) {
        return given().headers(headers).contentType("application/octet-stream").body(bytes)
                .when().put("/api/workspace/files/" + path).then();
    }

    private static byte[] get(String path) {
        return given().when().get("/api/workspace/files/" + path).then().statusCode(200)
                .extract().asByteArray();
    }

    @Test
    void everyVersionRoundTripsWithExactBytes() {
        byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 13, 0};
        byte[] text = "héllo\nwörld\n".getBytes(StandardCharsets.UTF_8);

        put(ns + "src/a.bin", binary, Map.of()).statusCode(200).body("version", equalTo(1))
                .body("sha256", equalTo(Sha256.hex(binary)));
        put(ns + "src/a.bin", text, Map.of()).statusCode(200).body("version", equalTo(2))
                .body("size", equalTo(text.length));

        assertThat(get(ns + "src/a.bin")).isEqualTo(text);
        assertThat(given().when().get("/api/workspace/files/" + ns + "src/a.bin?version=1").then().statusCode(200)
                .extract().asByteArray()).isEqualTo(binary);
    }

    @Test
    void theListShowsCurrentVersionSizeAndHash() {
        byte[] bytes = "abc".getBytes(StandardCharsets.UTF_8);
        put(ns + "list/x.txt", bytes, Map.of()).statusCode(200);
        put(ns + "list/x.txt", bytes, Map.of()).statusCode(200);

        List<Map<String, Object>> mine = given().when().get("/api/workspace/files").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.path == '" + ns + "list/x.txt' }");

        assertThat(mine).hasSize(1);
        assertThat(mine.get(0)).containsEntry("version", 2).containsEntry("size", 3)
                .containsEntry("sha256", Sha256.hex(bytes));
    }

    @Test
    void unknownFilesAndVersionsAre404Problems() {
        given().when().get("/api/workspace/files/" + ns + "nope.txt").then().statusCode(404)
                .contentType("application/problem+json");
        put(ns + "one.txt", new byte[] {1}, Map.of()).statusCode(200);
        given().when().get("/api/workspace/files/" + ns + "one.txt?version=7").then().statusCode(404);
    }

    @Test
    void badPathsAre400Problems() {
        // ('..' never reaches the service: HTTP clients and servers resolve it in the URL itself)
        put(ns + "windows\\style.txt", new byte[] {1}, Map.of()).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("path"));
        put(ns + "folder/", new byte[] {1}, Map.of()).statusCode(400);
    }

    @Test
    void ifMatchRefusesAWriteOnAStaleBase() {
        put(ns + "m.txt", new byte[] {1}, Map.of("If-Match", "0")).statusCode(200).body("version", equalTo(1));
        put(ns + "m.txt", new byte[] {2}, Map.of("If-Match", "1")).statusCode(200).body("version", equalTo(2));

        put(ns + "m.txt", new byte[] {3}, Map.of("If-Match", "1")).statusCode(412)
                .contentType("application/problem+json");
        assertThat(get(ns + "m.txt")).containsExactly(2);
    }

    @Test
    void aWriteWithAStaleTokenIsRejectedWhileTheCurrentHoldersLands() {
        String path = ns + "src/f.txt";
        JsonPath old = acquire(aLock("run/old#1").writes(ns + "src/").leaseMs(300)).statusCode(200)
                .extract().jsonPath();
        put(path, bytes("old-1"), fenced(old)).statusCode(200);

        // the old holder's lease lapses (a long GC pause, say) and a new holder takes the file
        JsonPath current = acquire(aLock("run/new#1").writes(path).waitMs(5_000)).statusCode(200)
                .extract().jsonPath();
        put(path, bytes("new-1"), fenced(current)).statusCode(200);

        put(path, bytes("old-2"), fenced(old)).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("older than " + current.getLong("token")));
        assertThat(get(path)).isEqualTo(bytes("new-1"));
    }

    private static Map<String, String> fenced(JsonPath lease) {
        return Map.of(WorkspaceResource.LEASE_HEADER, lease.getString("leaseId"),
                WorkspaceResource.TOKEN_HEADER, String.valueOf(lease.getLong("token")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
