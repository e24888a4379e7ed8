package dev.genesis.queue.store;

import dev.genesis.queue.config.QueueConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps the hot tables lean where the PostgreSQL server's autovacuum is off. A dispatch round reads
 * the active and the READY tasks through partial indexes; every state change leaves a dead row
 * version behind in them, and until a vacuum removes it each round visits it again. Measured here
 * with autovacuum off: after a few benchmark runs (150,000 dead versions) reading the active tasks
 * took 13.7 ms instead of well under 1 ms, and that was most of a chain's dispatch latency.
 *
 * <p>Each vacuum also analyzes the table. That is cheap because migration V10 keeps coarse
 * statistics for the few columns the queue's statements filter on and none for the others: with
 * PostgreSQL's default (a 30,000-row sample, every column) one ANALYZE of a 124,000-row tasks table
 * took ~1 s of CPU on a 2-core machine, and under load it ran every 5 s.
 *
 * <p>Where autovacuum runs, it does this job with the per-table thresholds set in migration V5,
 * and this class does nothing.
 */
@ApplicationScoped
public class TableUpkeep {

    /** The tables a run's life rewrites. */
    private static final List<String> HOT_TABLES = List.of("tasks", "runs");
    private static final Logger LOG = Logger.getLogger(TableUpkeep.class);

    private final Db db;
    private final long deadRows;
    private final Timer vacuums;

    public TableUpkeep(Db db, QueueConfig config, MeterRegistry registry) {
        this.db = db;
        this.deadRows = config.vacuumDeadRows();
        this.vacuums = Timer.builder("genesis.queue.vacuums")
                .description("vacuums of the queue's hot tables the queue ran itself (the server's autovacuum is off)")
                .register(registry);
    }

    /** What one check did. */
    public record Outcome(boolean serverVacuums, List<String> vacuumed) {
    }

    /** Vacuums each hot table with at least {@code genesis.queue.vacuum-dead-rows} dead row versions, unless the server does. */
    public Outcome vacuumIfNeeded() {
        return vacuumIfNeeded(deadRows);
    }

    /** Vacuums each hot table with at least {@code deadRows} dead row versions, unless the server does. */
    public Outcome vacuumIfNeeded(long deadRows) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(true); // VACUUM cannot run inside a transaction block
            if (serverVacuums(c)) {
                return new Outcome(true, List.of());
            }
            List<String> vacuumed = new ArrayList<>();
            for (String table : HOT_TABLES) {
                if (deadRowsOf(c, table) >= deadRows) {
                    vacuum(c, table);
                    vacuumed.add(table);
                }
            }
            return new Outcome(false, vacuumed);
        } catch (SQLException e) {
            throw new StoreException("cannot vacuum the queue's tables: " + e.getMessage(), e);
        }
    }

    /** The dead row versions PostgreSQL counts in one of this schema's tables. */
    public long deadRowsOf(String table) {
        try (Connection c = db.connection()) {
            return deadRowsOf(c, table);
        } catch (SQLException e) {
            throw new StoreException("cannot read the table statistics: " + e.getMessage(), e);
        }
    }

    private static boolean serverVacuums(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW autovacuum")) {
            return rs.next() && "on".equalsIgnoreCase(rs.getString(1));
        }
    }

    private static long deadRowsOf(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT n_dead_tup FROM pg_stat_user_tables "
                + "WHERE schemaname = current_schema() AND relname = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private void vacuum(Connection c, String table) throws SQLException {
        long start = System.nanoTime();
        try (Statement s = c.createStatement()) {
            // The name comes from HOT_TABLES, never from input.
            s.execute("VACUUM (ANALYZE) " + table);
        }
        long took = System.nanoTime() - start;
        vacuums.record(took, TimeUnit.NANOSECONDS);
        LOG.debugf("vacuumed %s in %d ms", table, took / 1_000_000);
    }
}
