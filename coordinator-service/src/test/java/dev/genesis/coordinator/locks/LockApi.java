package dev.genesis.coordinator.locks;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small REST helpers shared by the lock and workspace tests. */
public final class LockApi {

    private LockApi() {
    }

    public static ValidatableResponse acquire(LockRequestBuilder request) {
        return given().contentType(ContentType.JSON).body(request.body())
                .when().post("/api/locks/acquire").then();
    }

    /** {@code POST /api/locks/acquire-each} with the requests in this order (their waitMs left out). */
    public static ValidatableResponse acquireEach(LockRequestBuilder... requests) {
        return releaseThenAcquireEach(List.of(), requests);
    }

    /** {@code acquire-each} giving up {@code release} first. */
    public static ValidatableResponse releaseThenAcquireEach(List<String> release, LockRequestBuilder... requests) {
        List<Map<String, Object>> bodies = Arrays.stream(requests).map(LockRequestBuilder::eachBody).toList();
        return given().contentType(ContentType.JSON).body(Map.of("release", release, "requests", bodies))
                .when().post("/api/locks/acquire-each").then();
    }

    public static ValidatableResponse release(String leaseId) {
        return given().when().post("/api/locks/" + leaseId + "/release").then();
    }
}
