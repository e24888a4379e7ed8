package dev.genesis.queue.api;

import static dev.genesis.queue.support.Specs.aTask;
import static dev.genesis.queue.support.Specs.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.queue.support.Specs.TaskBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class RunQueriesTest {

    @Test
    void runsAreListedNewestFirstAndPaged() {
        String first = submit("list-1");
        String second = submit("list-2");
        List<String> ids = given().get("/api/runs?page=0&size=2").then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(2))
                .extract().jsonPath().getList("items.id");
        assertThat(ids).containsExactly(second, first);
        given().get("/api/runs?page=0&size=1&state=RUNNING").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].taskCount", equalTo(2))
                .body("items[0].counts.READY", equalTo(1)).body("items[0].counts.PENDING", equalTo(1));
    }

    @Test
    void progressComesFromTheRunRowAndCountsFinishedTasks() {
        String id = submit("progress");
        given().get("/api/runs/" + id + "/progress").then().statusCode(200)
                .body("id", equalTo(id)).body("name", equalTo("progress")).body("state", equalTo("RUNNING"))
                .body("taskCount", equalTo(2)).body("openTasks", equalTo(2)).body("finishedTasks", equalTo(0))
                .body("tasks", nullValue());
        given().post("/api/runs/" + id + "/cancel").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/runs/" + id + "/progress")
                .then().statusCode(200).body("state", equalTo("CANCELLED")).body("openTasks", equalTo(0))
                .body("finishedTasks", equalTo(2)).body("finishedAt", notNullValue()));
    }

    @Test
    void badListParametersNameTheField() {
        given().get("/api/runs?size=0").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("size"));
        given().get("/api/runs?state=SLEEPING").then().statusCode(400).body("errors.field", hasItem("state"));
    }

    @Test
    void unknownRunIsNotFound() {
        String id = UUID.randomUUID().toString();
        given().get("/api/runs/" + id).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/runs/" + id + "/progress").then().statusCode(404).contentType("application/problem+json");
        given().post("/api/runs/" + id + "/cancel").then().statusCode(404);
        given().post("/api/runs/" + id + "/retry").then().statusCode(404);
        given().delete("/api/runs/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void malformedRunIdIsABadRequest() {
        given().get("/api/runs/not-a-uuid").then().statusCode(400).body("errors.field", hasItem("id"));
        given().get("/api/runs/not-a-uuid/progress").then().statusCode(400).body("errors.field", hasItem("id"));
        given().delete("/api/runs/not-a-uuid").then().statusCode(400).body("errors.field", hasItem("id"));
    }

    @Test
    void aFinishedRunIsDeletedWithItsTasksAndARunningOneIsNot() {
        String id = submit("delete-me");
        given().delete("/api/runs/" + id).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("cancel it first"));
        given().get("/api/runs/" + id).then().statusCode(200).body("tasks.size()", equalTo(2));

        given().post("/api/runs/" + id + "/cancel").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/runs/" + id + "/progress")
                .then().body("state", equalTo("CANCELLED")));
        given().delete("/api/runs/" + id).then().statusCode(204);

        given().get("/api/runs/" + id).then().statusCode(404);
        given().get("/api/runs/" + id + "/progress").then().statusCode(404);
        given().post("/api/runs/" + id + "/retry").then().statusCode(404);
        given().delete("/api/runs/" + id).then().statusCode(404);
        List<String> listed = given().get("/api/runs?size=500").then().statusCode(200).extract().jsonPath()
                .getList("items.id");
        assertThat(listed).doesNotContain(id);
    }

    @Test
    void writesAnswerWithTheRunRowAloneWhenTheClientPrefersMinimal() {
        String body = run("minimal", aTask("a"), aTask("b").dependsOn("a"));
        var created = given().contentType("application/json").header("Prefer", "respond-async, return=minimal")
                .body(body).post("/api/runs").then().statusCode(201).header("Preference-Applied", "return=minimal")
                .body("state", equalTo("RUNNING")).body("taskCount", equalTo(2)).body("openTasks", equalTo(2))
                .body("tasks", nullValue()).extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/runs/" + id);
        given().get("/api/runs/" + id).then().statusCode(200).body("tasks.size()", equalTo(2));
        given().header("Prefer", "return=representation").post("/api/runs/" + id + "/cancel").then()
                .statusCode(200).header("Preference-Applied", nullValue()).body("tasks.size()", equalTo(2));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/runs/" + id + "/progress")
                .then().body("state", equalTo("CANCELLED")));
        given().header("Prefer", "RETURN = \"minimal\"").post("/api/runs/" + id + "/retry").then().statusCode(200)
                .header("Preference-Applied", "return=minimal").body("id", equalTo(id))
                .body("state", equalTo("RUNNING")).body("tasks", nullValue());
        given().header("Prefer", "respond-async").header("Prefer", "return=minimal")
                .post("/api/runs/" + id + "/cancel").then().statusCode(200)
                .header("Preference-Applied", "return=minimal").body("tasks", nullValue());
    }

    @Test
    void runningRunCannotBeRetried() {
        given().post("/api/runs/" + submit("retry-early") + "/retry").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void hundredThousandTaskRunIsStoredAtOnce() {
        TaskBuilder[] tasks = new TaskBuilder[100_000];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = i % 10 == 0 ? aTask("t" + i) : aTask("t" + i).dependsOn("t" + (i - i % 10));
        }
        String body = run("big", tasks);
        long start = System.nanoTime();
        // The run's row alone in the answer: the whole run is 19 MB, which took RestAssured ~20 s to parse.
        String id = given().contentType("application/json").header("Prefer", "return=minimal").body(body)
                .post("/api/runs").then().statusCode(201).body("taskCount", equalTo(100_000)).extract().path("id");
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("stored a 100000-task run in " + millis + " ms");
        given().get("/api/runs?size=1").then().body("items[0].taskCount", equalTo(100_000))
                .body("items[0].counts.READY", equalTo(10_000)).body("items[0].counts.PENDING", equalTo(90_000));
        // Leave no READY work behind for other tests' workers.
        given().post("/api/runs/" + id + "/cancel").then().statusCode(200);
        assertThat(millis).as("store time, ms (shared, loaded machine)").isLessThan(60_000);
    }

    private static String submit(String name) {
        return given().contentType("application/json").body(run(name, aTask("a"), aTask("b").dependsOn("a")))
                .post("/api/runs").then().statusCode(201).extract().path("id");
    }
}
