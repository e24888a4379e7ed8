package dev.genesis.queue.api;

import static dev.genesis.queue.support.Specs.aTask;
import static dev.genesis.queue.support.Specs.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import dev.genesis.common.testing.GenesisTestServices;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class SubmissionValidationTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void malformedJsonIsRejected() {
        rejected("application/json", "{\"name\": \"x\", \"tasks\": [", "", "malformed JSON");
    }

    @Test
    void malformedYamlIsRejected() {
        rejected("application/yaml", "name: x\ntasks: [ {id: a\n", "", "malformed YAML");
    }

    @Test
    void missingIdIsRejected() {
        rejected(run("r", aTask("a").set("id", null)), "tasks[0].id");
    }

    @Test
    void badIdIsRejected() {
        rejected(run("r", aTask("a b")), "tasks[0].id");
    }

    @Test
    void duplicateIdIsRejected() {
        rejected(run("r", aTask("a"), aTask("a")), "tasks[1].id");
    }

    @Test
    void unknownDependencyIsRejected() {
        rejected(run("r", aTask("a").dependsOn("ghost")), "tasks[0].dependsOn[0]");
    }

    @Test
    void selfDependencyIsRejected() {
        rejected(run("r", aTask("a").dependsOn("a")), "tasks[0].dependsOn[0]");
    }

    @Test
    void cycleIsRejectedWithItsPath() {
        rejected("application/json", run("r", aTask("a").dependsOn("c"), aTask("b").dependsOn("a"),
                aTask("c").dependsOn("b")), "tasks", "a -> b -> c -> a");
    }

    @Test
    void unknownKindIsRejected() {
        rejected(run("r", aTask("a").kind("teleport", Map.of())), "tasks[0].kind");
    }

    @Test
    void badPriorityIsRejected() {
        rejected(run("r", aTask("a").priority(2_000_000)), "tasks[0].priority");
    }

    @Test
    void badTimeoutIsRejected() {
        rejected(run("r", aTask("a").set("timeoutMs", 0)), "tasks[0].timeoutMs");
    }

    @Test
    void badRetryIsRejected() {
        rejected(run("r", aTask("a").retry(0, 10)), "tasks[0].retry.maxAttempts");
    }

    @Test
    void absolutePathIsRejected() {
        rejected(run("r", aTask("a").writes("/etc/passwd")), "tasks[0].resources.writes[0]");
    }

    @Test
    void climbingPathIsRejected() {
        rejected(run("r", aTask("a").writes("src/../../x")), "tasks[0].resources.writes[0]");
    }

    @Test
    void yamlSpecIsAccepted() {
        given().contentType("application/yaml")
                .body("name: yaml-run\ntasks:\n  - id: a\n    kind: noop\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/runs").then().statusCode(201)
                .header("Location", containsString("/api/runs/"))
                .body("state", org.hamcrest.Matchers.equalTo("RUNNING"))
                .body("tasks[0].id", org.hamcrest.Matchers.equalTo("a"));
    }

    private void rejected(String body, String field) {
        rejected("application/json", body, field, null);
    }

    private void rejected(String contentType, String body, String field, String detail) {
        long before = rows();
        var response = given().contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8)).post("/api/runs").then()
                .statusCode(400).contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(400))
                .body("errors.field", hasItem(field));
        if (detail != null) {
            response.body("detail", containsString(detail));
        }
        assertThat(rows()).as("rows in queue.runs + queue.tasks").isEqualTo(before);
    }

    long rows() {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT (SELECT count(*) FROM queue.runs) + (SELECT count(*) FROM queue.tasks)")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
