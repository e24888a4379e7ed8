package dev.genesis.coordinator.locks;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Small REST helpers shared by the lock and workspace tests. */
public final class LockApi {

    private LockApi() {
    }

    public static ValidatableResponse acquire(LockRequestBuilder request) {
        return given().contentType(ContentType.JSON).body(request.body())
                .when().post("/api/locks/acquire").then();
    }

    public static ValidatableResponse release(String leaseId) {
        return given().when().post("/api/locks/" + leaseId + "/release").then();
    }
}
