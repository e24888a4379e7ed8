package dev.genesis.queue.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs work in one explicit JDBC transaction. Deadlocks and serialization failures are retried,
 * because two writers taking row locks in different orders is normal here, not a bug.
 */
@ApplicationScoped
public class Db {

    /** Work done inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static final int ATTEMPTS = 5;

    private final AgroalDataSource dataSource;

    public Db(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> T inTransaction(Work<T> work) {
        SQLException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                last = e;
                if (!isTransient(e)) {
                    break;
                }
                pauseBeforeRetry(i);
            }
        }
        throw new StoreException("database error: " + last.getMessage(), last);
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** A short, growing, jittered pause, so that two transactions that deadlocked do not meet again at once. */
    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return "40P01".equals(state) || "40001".equals(state);
    }
}
