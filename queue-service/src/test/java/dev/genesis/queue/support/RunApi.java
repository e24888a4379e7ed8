package dev.genesis.queue.support;

import static dev.genesis.queue.support.Specs.run;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.genesis.common.events.TaskDispatched;
import dev.genesis.queue.support.Specs.TaskBuilder;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The run API as the scheduling tests use it: submit, read back, wait for a state or a dispatch. */
public final class RunApi {

    /** Generous: the build machine is shared and often loaded. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private RunApi() {
    }

    public static UUID submit(TaskBuilder... tasks) {
        String id = given().contentType("application/json").body(run("sched-" + UUID.randomUUID(), tasks))
                .post("/api/runs").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    public static JsonPath view(UUID run) {
        return given().get("/api/runs/" + run).then().statusCode(200).extract().jsonPath();
    }

    public static String state(JsonPath view, String task) {
        return view.getString("tasks.find { it.id == '" + task + "' }.state");
    }

    public static int attempt(JsonPath view, String task) {
        return view.getInt("tasks.find { it.id == '" + task + "' }.attempt");
    }

    public static void awaitRunState(UUID run, String state) {
        await().atMost(WAIT).until(() -> state.equals(view(run).getString("state")));
    }

    public static void awaitTaskState(UUID run, String task, String state) {
        await().atMost(WAIT).until(() -> state.equals(state(view(run), task)));
    }

    public static TaskDispatched awaitDispatch(FakeWorker worker, UUID run, int nth) {
        await().atMost(WAIT).until(() -> worker.dispatchesOf(run).size() >= nth);
        return worker.dispatchesOf(run).get(nth - 1);
    }

    public static TaskDispatched dispatchOf(FakeWorker worker, UUID run, String task) {
        return worker.dispatchesOf(run).stream().filter(d -> d.taskId().equals(task)).findFirst().orElseThrow();
    }

    /** Cancels runs other tests left RUNNING, which would otherwise take this test's slots. */
    public static void cancelLeftoverRuns() {
        List<String> ids = given().get("/api/runs?state=RUNNING&size=500").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        ids.forEach(id -> given().post("/api/runs/" + id + "/cancel"));
    }
}
