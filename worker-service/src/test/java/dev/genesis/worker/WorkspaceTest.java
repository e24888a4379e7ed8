package dev.genesis.worker;

import static dev.genesis.worker.testing.DispatchBuilder.aDispatch;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genesis.common.events.TaskDispatchBatch;
import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.events.TaskFailed;
import dev.genesis.common.events.TaskStarted;
import dev.genesis.common.events.TaskSucceeded;
import dev.genesis.common.events.WorkerHeartbeat;
import dev.genesis.common.spec.ResourceMode;
import dev.genesis.common.spec.Resources;
import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.common.testing.PrometheusScrape;
import dev.genesis.worker.config.WorkerIdentity;
import dev.genesis.worker.testing.DispatchBuilder;
import dev.genesis.worker.testing.FakeCoordinator;
import dev.genesis.worker.testing.FakeCoordinatorProfile;
import dev.genesis.worker.testing.FakeCoordinatorProfile.InjectFakeCoordinator;
import dev.genesis.worker.testing.QueueDouble;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workspace sync of shell and edit tasks on the real broker, against a fake coordinator. */
@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
@TestProfile(FakeCoordinatorProfile.class)
class WorkspaceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    WorkerIdentity identity;

    @InjectFakeCoordinator
    FakeCoordinator coordinator;

    private final QueueDouble queue = QueueDouble.get();
    private int partition;
    /** A workspace folder of this test alone, so that tests never see each other's files. */
    private String dir;

    @BeforeEach
    void workerOwnsPartitions() {
        WorkerHeartbeat beat = await().atMost(WAIT).until(() -> queue.lastHeartbeatOf(identity.id()),
                b -> b.isPresent() && !b.get().partitions().isEmpty()).orElseThrow();
        partition = beat.partitions().get(0);
        dir = "t-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    }

    @Test
    void shellCommitsExactlyWhatItChangedUnderItsWrites() {
        coordinator.put(dir + "docs/in.txt", "hello\n");
        coordinator.put(dir + "out/keep.txt", "keep");
        coordinator.put(dir + "out/mod.txt", "v1");
        int modVersion = coordinator.put(dir + "out/mod.txt", "v2");
        int oldVersion = coordinator.put(dir + "out/old.txt", "old");
        String script = "tr a-z A-Z < docs/in.txt > out/result.txt && echo changed > out/mod.txt && rm out/old.txt"
                + " && test \"$(cat out/keep.txt)\" = keep";
        TaskDispatched d = dispatch(aDispatch("shell").param("command", List.of("sh", "-c", "cd " + dir + " && " + script))
                .resources(new Resources(List.of(dir + "out/"), List.of(dir + "docs/in.txt"), ResourceMode.MERGE)).build());

        awaitOne(d.runId(), TaskSucceeded.class);
        JsonNode changeset = onlyChangeset(d.runId());
        FakeCoordinator.Grant grant = coordinator.grantOf(d.runId()).orElseThrow();
        assertThat(changeset.path("taskId").asText()).isEqualTo(d.taskId());
        assertThat(changeset.path("attempt").asInt()).isEqualTo(1);
        assertThat(changeset.path("holder").asText()).isEqualTo(grant.holder());
        assertThat(changeset.path("leaseId").asText()).isEqualTo(grant.leaseId());
        assertThat(changeset.path("token").asLong()).isEqualTo(grant.token());
        assertThat(changeset.path("mode").asText()).isEqualTo("merge");
        assertThat(paths(changeset)).containsExactly(dir + "out/mod.txt", dir + "out/old.txt", dir + "out/result.txt");
        JsonNode mod = file(changeset, dir + "out/mod.txt");
        assertThat(mod.path("baseVersion").asInt()).isEqualTo(modVersion);
        assertThat(content(mod)).isEqualTo("changed\n");
        JsonNode old = file(changeset, dir + "out/old.txt");
        assertThat(old.path("deleted").asBoolean()).isTrue();
        assertThat(old.path("baseVersion").asInt()).isEqualTo(oldVersion);
        JsonNode result = file(changeset, dir + "out/result.txt");
        assertThat(result.has("baseVersion")).isTrue();
        assertThat(result.path("baseVersion").isNull()).isTrue();
        assertThat(content(result)).isEqualTo("HELLO\n");
        assertThat(coordinator.content(dir + "docs/in.txt")).contains("hello\n");
    }

    @Test
    void theLocksAreGivenBackBeforeTheResultIsSent() {
        // Otherwise the dependents the queue dispatches on the result would find the paths still held.
        TaskDispatched d = aDispatch("noop").resources(new Resources(List.of(dir + "out.txt"), List.of(dir + "in.txt"),
                ResourceMode.LOCK)).build();
        coordinator.slowReleasesOf(d.runId(), Duration.ofMillis(400));
        dispatch(d);
        awaitOne(d.runId(), TaskSucceeded.class);
        Optional<Instant> releasedBeforeTheResultArrived = coordinator.releasedAt(d.runId());
        assertThat(releasedBeforeTheResultArrived).as("the release answered before the result arrived").isPresent();
        Instant released = releasedBeforeTheResultArrived.get();
        Instant sent = await().atMost(WAIT).until(() -> queue.sentAt(d.runId(), TaskSucceeded.class),
                Optional::isPresent).orElseThrow();
        assertThat(sent).isAfterOrEqualTo(released.truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void aDispatchThatWaitsForASlotRunsUnderLocksGrantedWhileItWaited() {
        UUID busy = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            dispatch(aDispatch("sleep").run(busy).task("busy-" + i).param("ms", 800).build());
        }
        await().atMost(WAIT).until(() -> queue.eventsOf(busy).stream().filter(TaskStarted.class::isInstance).count() == 3);
        TaskDispatched d = dispatch(aDispatch("sleep").param("ms", 10).writes(dir + "early.txt").build());

        TaskSucceeded done = awaitOne(d.runId(), TaskSucceeded.class);
        FakeCoordinator.Grant grant = coordinator.grantOf(d.runId()).orElseThrow();
        assertThat(grant.at()).as("granted while the dispatch waited for a slot")
                .isBefore(done.startedAt().minusMillis(300));
        assertThat(coordinator.grantsOf(d.runId())).as("the slot did not ask again").hasSize(1);
        await().atMost(WAIT).until(() -> coordinator.releaseOf(grant.holder()).isPresent());
    }

    @Test
    void aDispatchCarryingALeaseRunsUnderItWithoutAskingAndLeavesItToTheQueueOnSuccess() {
        DispatchBuilder builder = aDispatch("shell").param("command", List.of("sh", "-c", "mkdir -p " + dir
                + " && echo granted > " + dir + "out.txt")).writes(dir + "out.txt").worker(identity.id());
        TaskDispatched.LeaseGrant lease = coordinator.grantAtDispatch(builder.holder());
        double leftBefore = leaseReleases("by-queue");
        TaskDispatched d = dispatch(builder.lease(lease).build());

        TaskSucceeded done = awaitOne(d.runId(), TaskSucceeded.class);
        assertThat(leaseReleases("by-queue")).isGreaterThanOrEqualTo(leftBefore + 1);
        JsonNode changeset = onlyChangeset(d.runId());
        assertThat(changeset.path("leaseId").asText()).isEqualTo(lease.leaseId());
        assertThat(changeset.path("token").asLong()).isEqualTo(lease.token());
        assertThat(coordinator.acquiresOf(d.runId())).as("the worker did not ask for locks itself").isZero();
        // The queue took it, the queue gives it back: the success names it and the worker sends no release.
        assertThat(done.leaseToRelease()).isEqualTo(lease.leaseId());
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> coordinator.releaseOfLease(lease.leaseId()).isEmpty());
    }

    @Test
    void aFailureUnderTheDispatchsLeaseReleasesItOnTheWorker() {
        DispatchBuilder builder = aDispatch("shell").param("command", List.of("sh", "-c", "exit 3"))
                .writes(dir + "out.txt").worker(identity.id());
        TaskDispatched.LeaseGrant lease = coordinator.grantAtDispatch(builder.holder());
        TaskDispatched d = dispatch(builder.lease(lease).build());

        awaitOne(d.runId(), TaskFailed.class);
        await().atMost(WAIT).until(() -> coordinator.releaseOfLease(lease.leaseId()).isPresent());
    }

    @Test
    void aContinuationFindsTheLeaseItsDependencyLeftToTheQueueReleasedByTheWorkerFirst() {
        UUID run = UUID.randomUUID();
        DispatchBuilder a = aDispatch("sleep").run(run).task("a").param("ms", 300).writes(dir + "x.txt")
                .worker(identity.id());
        TaskDispatched.LeaseGrant lease = coordinator.grantAtDispatch(a.holder());
        // b follows a on this worker and wants the same path the moment a succeeds.
        queue.send(partition, new TaskDispatchBatch(run, List.of(a.lease(lease).build(),
                aDispatch("noop").run(run).task("b").after("a", 1).writes(dir + "x.txt").build())));

        await().atMost(WAIT).until(() -> queue.eventsOf(run, TaskSucceeded.class).size() == 2);
        List<TaskSucceeded> done = queue.eventsOf(run, TaskSucceeded.class);
        assertThat(done.get(0).leaseToRelease()).isEqualTo(lease.leaseId());
        assertThat(done.get(1).leaseToRelease()).as("b asked for its own lease and released it").isNull();
        Instant released = coordinator.releaseOfLease(lease.leaseId()).orElseThrow();
        FakeCoordinator.Grant ofB = coordinator.grantsOf(run).stream().filter(g -> g.holder().endsWith("/b#1"))
                .findFirst().orElseThrow();
        assertThat(ofB.at()).as("b was granted after a's lease was released").isAfterOrEqualTo(released);
        await().atMost(WAIT).until(() -> coordinator.releaseOf(ofB.holder()).isPresent());
    }

    @Test
    void aLeaseTakenForAnotherWorkerIsGivenBackAndTheSlotAsksItself() {
        // Read here after its partition moved: the lease is the other worker's, whose death would end it.
        DispatchBuilder builder = aDispatch("shell").param("command", List.of("sh", "-c", "mkdir -p " + dir
                + " && echo mine > " + dir + "out.txt")).writes(dir + "out.txt").worker("another-worker");
        TaskDispatched.LeaseGrant theirs = coordinator.grantAtDispatch(builder.holder());
        TaskDispatched d = dispatch(builder.lease(theirs).build());

        awaitOne(d.runId(), TaskSucceeded.class);
        assertThat(coordinator.acquiresOf(d.runId())).isEqualTo(1);
        assertThat(onlyChangeset(d.runId()).path("leaseId").asText()).isNotEqualTo(theirs.leaseId());
        assertThat(coordinator.releaseOfLease(theirs.leaseId())).isPresent();
    }

    @Test
    void theLeaseOfADispatchThatDoesNotRunIsGivenBack() {
        DispatchBuilder builder = aDispatch("no-such-kind").writes(dir + "never.txt");
        TaskDispatched d = dispatch(builder.lease(coordinator.grantAtDispatch(builder.holder())).build());

        awaitOne(d.runId(), TaskFailed.class);
        await().atMost(WAIT).until(() -> coordinator.releaseOf(builder.holder()).isPresent());
        assertThat(coordinator.acquiresOf(d.runId())).isZero();
    }

    @Test
    void shellChangesOutsideItsWritesAreNotCommitted() {
        double granted = grantedLockWaits();
        coordinator.put(dir + "lib/shared.txt", "shared");
        String script = "echo tampered > lib/shared.txt && echo stray > stray.txt && echo mine > out.txt";
        TaskDispatched d = dispatch(aDispatch("shell").param("command", List.of("sh", "-c", "cd " + dir + " && " + script))
                .resources(new Resources(List.of(dir + "out.txt"), List.of(dir + "lib/shared.txt"), null)).build());

        awaitOne(d.runId(), TaskSucceeded.class);
        JsonNode changeset = onlyChangeset(d.runId());
        assertThat(changeset.path("mode").asText()).isEqualTo("lock");
        assertThat(paths(changeset)).containsExactly(dir + "out.txt");
        assertThat(coordinator.content(dir + "lib/shared.txt")).contains("shared");
        assertThat(coordinator.content(dir + "stray.txt")).isEmpty();
        assertThat(grantedLockWaits() - granted).as("lock sets granted to the one lock-mode attempt").isEqualTo(1);
    }

    @Test
    void aMergeConflictFailsTheAttemptRetryablyNamingThePaths() {
        UUID run = UUID.randomUUID();
        coordinator.conflictOn(run);
        TaskDispatched d = dispatch(aDispatch("shell").run(run)
                .param("command", List.of("sh", "-c", "mkdir -p " + dir + " && echo x > " + dir + "a.txt"))
                .writes(dir + "a.txt").build());

        TaskFailed failed = awaitOne(run, TaskFailed.class);
        assertThat(failed.cause()).isEqualTo("conflict");
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.error()).contains(dir + "a.txt");
        assertThat(queue.eventsOf(run, TaskSucceeded.class)).isEmpty();
        assertThat(coordinator.changesetsOf(run)).hasSize(1);
    }

    @Test
    void aStaleTokenAnswerMeansTheLocksWereLost() {
        UUID run = UUID.randomUUID();
        coordinator.staleTokenOn(run);
        TaskDispatched d = dispatch(aDispatch("edit").run(run).param("path", dir + "a.txt").param("content", "x")
                .writes(dir + "a.txt").build());

        TaskFailed failed = awaitOne(d.runId(), TaskFailed.class);
        assertThat(failed.cause()).isEqualTo("lock-lost");
        assertThat(failed.retryable()).isTrue();
    }

    @Test
    void editWithContentCommitsTheOneFileOnItsBase() {
        int base = coordinator.put(dir + "src/a.txt", "old\n");
        TaskDispatched d = dispatch(aDispatch("edit").param("path", dir + "src/a.txt").param("content", "new\n")
                .writes(dir + "src/").build());

        awaitOne(d.runId(), TaskSucceeded.class);
        JsonNode changeset = onlyChangeset(d.runId());
        assertThat(paths(changeset)).containsExactly(dir + "src/a.txt");
        assertThat(file(changeset, dir + "src/a.txt").path("baseVersion").asInt()).isEqualTo(base);
        assertThat(coordinator.content(dir + "src/a.txt")).contains("new\n");
    }

    @Test
    void editWithAPatchCommitsThePatchedFile() {
        coordinator.put(dir + "a.txt", "zero\n");
        int base = coordinator.put(dir + "a.txt", "one\ntwo\nthree\n");
        String patch = "--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n";
        TaskDispatched d = dispatch(aDispatch("edit").param("path", dir + "a.txt").param("patch", patch)
                .writes(dir + "a.txt").build());

        awaitOne(d.runId(), TaskSucceeded.class);
        JsonNode only = file(onlyChangeset(d.runId()), dir + "a.txt");
        assertThat(only.path("baseVersion").asInt()).isEqualTo(base).isEqualTo(2);
        assertThat(content(only)).isEqualTo("one\nTWO\nthree\n");
    }

    @Test
    void aPatchThatDoesNotApplyFailsWithoutRetryAndCommitsNothing() {
        coordinator.put(dir + "a.txt", "one\ntwo\nthree\n");
        String patch = "--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n uno\n-dos\n+DOS\n tres\n";
        TaskDispatched d = dispatch(aDispatch("edit").param("path", dir + "a.txt").param("patch", patch)
                .writes(dir + "a.txt").build());

        TaskFailed failed = awaitOne(d.runId(), TaskFailed.class);
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.error()).contains("does not apply");
        assertThat(coordinator.changesetsOf(d.runId())).isEmpty();
        assertThat(coordinator.content(dir + "a.txt")).contains("one\ntwo\nthree\n");
    }

    @Test
    void renewalsFailingForLongerThanTheLeaseStopTheTaskAsLockLost() {
        UUID run = UUID.randomUUID();
        coordinator.unreachableForRenewalsOf(run);
        TaskDispatched d = dispatch(aDispatch("sleep").run(run).param("ms", 60_000).writes(dir + "a.txt").build());

        TaskFailed failed = awaitOne(d.runId(), TaskFailed.class);
        assertThat(failed.cause()).isEqualTo("lock-lost");
        assertThat(failed.retryable()).isTrue();
    }

    private TaskDispatched dispatch(TaskDispatched d) {
        queue.send(partition, d);
        return d;
    }

    private <T> T awaitOne(UUID runId, Class<T> type) {
        return await().atMost(WAIT).until(
                () -> queue.eventsOf(runId).stream().filter(type::isInstance).map(type::cast).toList(),
                list -> !list.isEmpty()).get(0);
    }

    private static double leaseReleases(String by) {
        return PrometheusScrape.of(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .value("genesis_worker_lease_releases_total", "service", "worker-service", "by", by);
    }

    private static double grantedLockWaits() {
        return PrometheusScrape.of(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .value("genesis_worker_lock_wait_seconds_count", "service", "worker-service", "granted", "true");
    }

    private JsonNode onlyChangeset(UUID runId) {
        List<JsonNode> all = coordinator.changesetsOf(runId);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static List<String> paths(JsonNode changeset) {
        List<String> paths = new ArrayList<>();
        changeset.path("files").forEach(f -> paths.add(f.path("path").asText()));
        return paths;
    }

    private static JsonNode file(JsonNode changeset, String path) {
        for (JsonNode f : changeset.path("files")) {
            if (f.path("path").asText().equals(path)) {
                return f;
            }
        }
        throw new AssertionError("no " + path + " in " + changeset);
    }

    private static String content(JsonNode file) {
        return new String(Base64.getDecoder().decode(file.path("content").asText()), StandardCharsets.UTF_8);
    }
}
