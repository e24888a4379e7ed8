package dev.genesis.queue.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Small JDBC conversions shared by the stores. */
final class Sql {

    private Sql() {
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Array texts(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    /**
     * Binds {@code keys} as two parallel arrays, their run ids at parameter {@code first} and their
     * task ids at {@code first + 1}, for {@code unnest(?::uuid[], ?::text[])}.
     */
    static void bindKeys(Connection c, PreparedStatement ps, int first, Collection<TaskKey> keys) throws SQLException {
        UUID[] runs = new UUID[keys.size()];
        String[] ids = new String[keys.size()];
        int i = 0;
        for (TaskKey k : keys) {
            runs[i] = k.runId();
            ids[i++] = k.taskId();
        }
        ps.setArray(first, c.createArrayOf("uuid", runs));
        ps.setArray(first + 1, c.createArrayOf("text", ids));
    }

    static List<String> texts(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
