package dev.genesis.queue.api;

import static dev.genesis.queue.support.Specs.aTask;
import static dev.genesis.queue.support.Specs.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.genesis.common.testing.GenesisTestServices;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
@TestProfile(SubmissionLimitsTest.SmallLimits.class)
class SubmissionLimitsTest {

    /** Limits small enough to hit in a test. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("genesis.queue.max-tasks", "2", "genesis.queue.max-body-bytes", "2000");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void tooManyTasksAreRejected() {
        long before = rows();
        given().contentType("application/json").body(run("big", aTask("a"), aTask("b"), aTask("c")))
                .post("/api/runs").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("tasks"));
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void tooLargeBodyIsRejected() {
        long before = rows();
        String padded = run("x".repeat(150), aTask("a".repeat(100)), aTask("b".repeat(100))) + " ".repeat(2_000);
        given().contentType("application/json").body(padded).post("/api/runs").then()
                .statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
        assertThat(rows()).isEqualTo(before);
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
