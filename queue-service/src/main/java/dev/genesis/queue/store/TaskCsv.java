package dev.genesis.queue.store;

import java.util.Collection;

/**
 * Writes values in PostgreSQL's CSV COPY format. COPY stores a 100k-task run several times
 * faster than batched INSERTs, which matters because a run is stored in one transaction.
 */
final class TaskCsv {

    private final StringBuilder out;
    private boolean firstInRow = true;

    TaskCsv(StringBuilder out) {
        this.out = out;
    }

    TaskCsv text(String value) {
        separator();
        if (value != null) {
            quoted(value);
        }
        return this;
    }

    TaskCsv number(long value) {
        separator();
        out.append(value);
        return this;
    }

    TaskCsv decimal(double value) {
        separator();
        out.append(value);
        return this;
    }

    /** A text[] literal: every element double-quoted with backslash escapes, then CSV-quoted. */
    TaskCsv array(Collection<String> values) {
        StringBuilder literal = new StringBuilder("{");
        boolean first = true;
        for (String v : values) {
            if (!first) {
                literal.append(',');
            }
            first = false;
            literal.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return text(literal.append('}').toString());
    }

    void endRow() {
        out.append('\n');
        firstInRow = true;
    }

    private void separator() {
        if (!firstInRow) {
            out.append(',');
        }
        firstInRow = false;
    }

    private void quoted(String value) {
        out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
