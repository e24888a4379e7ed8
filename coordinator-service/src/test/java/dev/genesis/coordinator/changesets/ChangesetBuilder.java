package dev.genesis.coordinator.changesets;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data builder for changeset requests, fenced by a lease taken through the REST API. */
public final class ChangesetBuilder {

    private final Map<String, Object> body = new LinkedHashMap<>();
    private final List<Map<String, Object>> files = new ArrayList<>();

    private ChangesetBuilder(String runId, String taskId) {
        body.put("runId", runId);
        body.put("taskId", taskId);
        body.put("attempt", 1);
        body.put("holder", runId + "/" + taskId + "#1");
        body.put("mode", "lock");
        body.put("files", files);
    }

    public static ChangesetBuilder aChangeset(String runId, String taskId) {
        return new ChangesetBuilder(runId, taskId);
    }

    public static ChangesetBuilder aChangeset(String taskId) {
        return aChangeset(UUID.randomUUID().toString(), taskId);
    }

    public String holder() {
        return (String) body.get("holder");
    }

    public ChangesetBuilder merge() {
        body.put("mode", "merge");
        return this;
    }

    /** Uses a lease granted to this changeset's holder (as {@code /api/locks/acquire} answered). */
    public ChangesetBuilder lease(JsonPath lease) {
        body.put("leaseId", lease.getString("leaseId"));
        body.put("token", lease.getLong("token"));
        return this;
    }

    public ChangesetBuilder file(String path, Integer baseVersion, String text) {
        return file(path, baseVersion, text.getBytes(StandardCharsets.UTF_8));
    }

    public ChangesetBuilder file(String path, Integer baseVersion, byte[] bytes) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("path", path);
        file.put("baseVersion", baseVersion);
        file.put("content", Base64.getEncoder().encodeToString(bytes));
        files.add(file);
        return this;
    }

    public ChangesetBuilder deleted(String path, Integer baseVersion) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("path", path);
        file.put("baseVersion", baseVersion);
        file.put("deleted", true);
        files.add(file);
        return this;
    }

    public ValidatableResponse post() {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/workspace/changesets").then();
    }
}
