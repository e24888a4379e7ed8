package dev.genesis.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders rows of values as a GitHub Markdown table. */
public final class MarkdownTable {

    private MarkdownTable() {
    }

    public static String format(List<String> columns, List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append('|');
        for (String c : columns) {
            sb.append(' ').append(escape(c)).append(" |");
        }
        sb.append("\n|");
        for (int i = 0; i < columns.size(); i++) {
            sb.append("---|");
        }
        sb.append('\n');
        for (Map<String, Object> row : rows) {
            sb.append('|');
            for (String c : columns) {
                sb.append(' ').append(cell(row.get(c))).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Numbers get as many decimals as their size deserves; absent values show a dash. */
    public static String cell(Object value) {
        if (value == null) {
            return "–";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return "–";
            }
            if (Math.abs(d) >= 100) {
                return String.format(Locale.ROOT, "%.0f", d);
            }
            if (Math.abs(d) >= 10) {
                return String.format(Locale.ROOT, "%.1f", d);
            }
            return String.format(Locale.ROOT, "%.2f", d);
        }
        if (value instanceof Boolean b) {
            return b ? "met" : "missed";
        }
        return escape(String.valueOf(value));
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
