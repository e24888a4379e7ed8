package dev.genesis.queue.scheduling;

import static dev.genesis.queue.support.RunApi.WAIT;
import static dev.genesis.queue.support.RunApi.awaitRunState;
import static dev.genesis.queue.support.RunApi.submit;
import static dev.genesis.queue.support.Specs.aTask;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.genesis.common.events.EventCodec;
import dev.genesis.common.events.RunDeleted;
import dev.genesis.common.kafka.Topics;
import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.common.testing.PrometheusScrape;
import dev.genesis.queue.store.Db;
import dev.genesis.queue.store.RunDeletion;
import dev.genesis.queue.support.RunApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Finished runs past the retention are deleted with their tasks, oldest first and in batches, and
 * announced on the runs topic; running and recent runs stay. The runs' ends are moved into the past
 * with SQL, so only this test's runs are old enough to go.
 */
@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class RunRetentionTest {

    private static final String BOOTSTRAP = System.getenv().getOrDefault("GENESIS_KAFKA_BOOTSTRAP", "localhost:9092");
    private static final Instant LONG_AGO = Instant.parse("2001-01-01T00:00:00Z");
    private static final Instant CUTOFF = LONG_AGO.plus(Duration.ofDays(30));

    @Inject
    Db db;

    @Inject
    RunRetention retention;

    @BeforeEach
    void cancelLeftoverRuns() {
        RunApi.cancelLeftoverRuns();
    }

    @Test
    void finishedRunsPastTheRetentionGoWithTheirTasksOldestFirstInBatches() {
        UUID oldest = finishedAt(LONG_AGO);
        UUID older = finishedAt(LONG_AGO.plus(Duration.ofDays(1)));
        UUID recent = finishedAt(Instant.now());
        UUID running = submit(aTask("gate"), aTask("b").dependsOn("gate"));
        PrometheusScrape before = scrape();
        Map<UUID, RunDeleted> announced = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, String> events = runEventsFromNow()) {
            // A batch of three tasks takes the oldest run's two, not the older run's two as well.
            assertThat(retention.deleteBatch(CUTOFF, 3)).extracting(RunDeletion.Expired::id).containsExactly(oldest);
            assertThat(taskRows(oldest)).isZero();
            assertThat(taskRows(older)).isEqualTo(2);
            given().get("/api/runs/" + oldest).then().statusCode(404);

            assertThat(retention.deleteFinishedBefore(CUTOFF)).isEqualTo(new RunRetention.Swept(1, 2));
            assertThat(retention.deleteFinishedBefore(CUTOFF).runs()).as("nothing left to delete").isZero();

            EventCodec codec = new EventCodec("/genesis/test");
            await().atMost(WAIT).until(() -> {
                events.poll(Duration.ofMillis(100)).forEach(r -> codec.decode(r.value())
                        .filter(RunDeleted.class::isInstance).map(RunDeleted.class::cast)
                        .ifPresent(e -> announced.put(e.runId(), e)));
                return announced.size() >= 2;
            });
        }
        assertThat(announced).containsOnlyKeys(oldest, older);
        assertThat(announced.get(older).reason()).isEqualTo(RunDeleted.RETENTION);
        assertThat(announced.get(older).taskCount()).isEqualTo(2);
        assertThat(taskRows(older)).isZero();
        given().get("/api/runs/" + older + "/progress").then().statusCode(404);
        assertThat(taskRows(recent)).as("finished within the retention").isEqualTo(2);
        given().get("/api/runs/" + recent).then().statusCode(200);
        assertThat(taskRows(running)).as("still running").isEqualTo(2);
        given().get("/api/runs/" + running).then().statusCode(200).body("state", equalTo("RUNNING"));

        PrometheusScrape after = scrape();
        assertThat(after.since(before, "genesis_queue_runs_deleted_total", "reason", "retention")).isEqualTo(2);
        assertThat(after.since(before, "genesis_queue_tasks_deleted_total", "reason", "retention")).isEqualTo(4);
        given().post("/api/runs/" + running + "/cancel").then().statusCode(200);
    }

    @Test
    void aRunRetriedAfterItsEndIsKeptAndCountsFromItsNextEnd() {
        UUID retried = finishedAt(LONG_AGO);
        given().post("/api/runs/" + retried + "/retry").then().statusCode(200);

        assertThat(retention.deleteFinishedBefore(CUTOFF).runs()).isZero();
        assertThat(taskRows(retried)).isEqualTo(2);

        given().post("/api/runs/" + retried + "/cancel").then().statusCode(200);
        awaitRunState(retried, "CANCELLED");
        assertThat(retention.deleteFinishedBefore(CUTOFF).runs()).as("it ended again just now").isZero();
        assertThat(taskRows(retried)).isEqualTo(2);
        endedAt(retried, LONG_AGO);
        assertThat(retention.deleteFinishedBefore(CUTOFF).runs()).isEqualTo(1);
        assertThat(taskRows(retried)).isZero();
    }

    /** A two-task run, cancelled (no worker runs here), its end moved to {@code at}. */
    private UUID finishedAt(Instant at) {
        UUID run = submit(aTask("a"), aTask("b").dependsOn("a"));
        given().post("/api/runs/" + run + "/cancel").then().statusCode(200);
        awaitRunState(run, "CANCELLED");
        endedAt(run, at);
        return run;
    }

    private void endedAt(UUID run, Instant at) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET finished_at = ? WHERE id = ?")) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setObject(2, run);
                return ps.executeUpdate();
            }
        });
    }

    private int taskRows(UUID run) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM tasks WHERE run_id = ?")) {
                ps.setObject(1, run);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** A consumer of every partition of the runs topic, placed at its end. */
    private static KafkaConsumer<String, String> runEventsFromNow() {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.RUNS_EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static PrometheusScrape scrape() {
        return PrometheusScrape.of(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .withLabel("service", "queue-service");
    }
}
