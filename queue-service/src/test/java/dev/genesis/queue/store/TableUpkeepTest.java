package dev.genesis.queue.store;

import static dev.genesis.queue.support.RunApi.submit;
import static dev.genesis.queue.support.Specs.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.queue.support.RunApi;
import dev.genesis.queue.support.Specs.TaskBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Dead row versions of the tasks table, made by real updates, are vacuumed away by the queue
 * where the server's autovacuum is off, and left to autovacuum where it is on.
 */
@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class TableUpkeepTest {

    /** Row versions the test rewrites; page pruning may remove some before a vacuum counts them. */
    private static final int REWRITES = 3_000;
    private static final int THRESHOLD = 1_000;

    @Inject
    Db db;

    @Inject
    TableUpkeep upkeep;

    @AfterEach
    void cancelLeftoverRuns() {
        RunApi.cancelLeftoverRuns();
    }

    @Test
    void deadVersionsOfTheTasksTableAreVacuumedWhereTheServerDoesNot() throws Exception {
        // 300 tasks waiting on a gate (no test worker runs here), each rewritten in place ten times.
        UUID run = submit(IntStream.range(0, 300).mapToObj(i -> i == 0 ? aTask("gate") : aTask("t" + i).dependsOn("gate"))
                .toArray(TaskBuilder[]::new));
        for (int i = 0; i < REWRITES / 300; i++) {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE tasks SET version = version + 1 WHERE run_id = ?")) {
                    ps.setObject(1, run);
                    return ps.executeUpdate();
                }
            });
        }
        // A pooled connection's backend reports its statistics when idle, up to 10 s later.
        await().atMost(Duration.ofSeconds(30)).until(() -> upkeep.deadRowsOf("tasks") >= THRESHOLD);

        long vacuumsBefore = vacuumsOf("tasks");

        TableUpkeep.Outcome outcome = upkeep.vacuumIfNeeded(THRESHOLD);

        assertThat(outcome.serverVacuums()).isEqualTo(autovacuumIsOn());
        if (outcome.serverVacuums()) {
            assertThat(outcome.vacuumed()).as("left to the server's autovacuum").isEmpty();
            assertThat(vacuumsOf("tasks")).as("no manual vacuum").isEqualTo(vacuumsBefore);
        } else {
            assertThat(outcome.vacuumed()).contains("tasks");
            // Counted by the server itself when the VACUUM ends. (The dead-row count is no proof either
            // way: other backends report their updates up to 10 s late, possibly after the vacuum.)
            assertThat(vacuumsOf("tasks")).as("manual vacuums of tasks").isEqualTo(vacuumsBefore + 1);
        }
    }

    @Test
    void analyzingTheTasksTableSamplesFewRowsForTheColumnsStatementsFilterOn() throws Exception {
        submit(aTask("a"), aTask("b").dependsOn("a"));
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            // PostgreSQL samples 300 × the largest target: a column added without one would bring back
            // the default of 100 and a sample of 30,000 rows (V10).
            try (ResultSet rs = s.executeQuery("SELECT attname FROM pg_attribute WHERE attrelid = 'tasks'::regclass "
                    + "AND attnum > 0 AND NOT attisdropped AND (attstattarget IS NULL OR attstattarget < 0 "
                    + "OR attstattarget > 10)")) {
                assertThat(columns(rs)).as("columns of tasks without a statistics target of at most 10").isEmpty();
            }
            s.execute("ANALYZE tasks");
            try (ResultSet rs = s.executeQuery("SELECT attname FROM pg_stats WHERE schemaname = current_schema() "
                    + "AND tablename = 'tasks'")) {
                assertThat(columns(rs)).as("columns with statistics after an ANALYZE")
                        .contains("run_id", "task_id", "state", "worker", "held_on", "pending_deps");
            }
        }
    }

    private static List<String> columns(ResultSet rs) throws Exception {
        List<String> names = new ArrayList<>();
        while (rs.next()) {
            names.add(rs.getString(1));
        }
        return names;
    }

    private long vacuumsOf(String table) throws Exception {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT vacuum_count "
                + "FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private boolean autovacuumIsOn() throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW autovacuum")) {
            rs.next();
            return "on".equals(rs.getString(1));
        }
    }
}
