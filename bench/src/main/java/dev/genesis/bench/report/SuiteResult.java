package dev.genesis.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one suite measured: a table (rows of named values, in column order), notes for the
 * reader (targets met or missed, settings used) and its charts.
 */
public final class SuiteResult {

    private final String suite;
    private final String title;
    private final List<String> columns;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<BarChart> charts = new ArrayList<>();
    private double tookSeconds = Double.NaN;
    private int repetitions;

    public SuiteResult(String suite, String title, List<String> columns) {
        this.suite = suite;
        this.title = title;
        this.columns = List.copyOf(columns);
    }

    /** Adds a row; {@code keyValues} alternates column names and values. */
    public SuiteResult row(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            String key = (String) keyValues[i];
            if (!columns.contains(key)) {
                throw new IllegalArgumentException("unknown column " + key + " in suite " + suite);
            }
            row.put(key, keyValues[i + 1]);
        }
        rows.add(row);
        return this;
    }

    public SuiteResult note(String note) {
        notes.add(note);
        return this;
    }

    public SuiteResult chart(BarChart chart) {
        charts.add(chart);
        return this;
    }

    /** How long the suite ran and how many repetitions it started (set by the runner). */
    public SuiteResult took(double seconds, int repetitionsDone) {
        this.tookSeconds = seconds;
        this.repetitions = repetitionsDone;
        return this;
    }

    public double tookSeconds() {
        return tookSeconds;
    }

    public int repetitions() {
        return repetitions;
    }

    public String suite() {
        return suite;
    }

    public String title() {
        return title;
    }

    public List<String> columns() {
        return columns;
    }

    public List<Map<String, Object>> rows() {
        return rows;
    }

    public List<String> notes() {
        return notes;
    }

    public List<BarChart> charts() {
        return charts;
    }
}
