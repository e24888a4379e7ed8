package dev.genesis.bench.report;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genesis.bench.suites.Warmup;
import dev.genesis.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes {@code results.json}, {@code summary.md} and the charts of all suites into one folder,
 * replacing what an earlier invocation left there.
 */
public final class ResultsWriter {

    private final Path dir;

    public ResultsWriter(Path dir) {
        this.dir = dir;
    }

    public List<Path> write(Instant startedAt, double totalSeconds, Map<String, Object> settings,
            List<SuiteResult> results) throws IOException {
        Files.createDirectories(dir);
        clearOld();
        List<Path> written = new ArrayList<>();
        for (SuiteResult r : results) {
            for (BarChart chart : r.charts()) {
                written.add(Charts.write(chart, dir));
            }
        }
        Path json = dir.resolve("results.json");
        Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(),
                toJson(startedAt, totalSeconds, settings, results));
        written.add(json);
        Path md = dir.resolve("summary.md");
        Files.writeString(md, markdown(startedAt, totalSeconds, settings, results));
        written.add(md);
        return written;
    }

    static ObjectNode toJson(Instant startedAt, double totalSeconds, Map<String, Object> settings,
            List<SuiteResult> results) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("startedAt", startedAt.toString());
        putSeconds(root, "totalSeconds", totalSeconds);
        root.set("settings", Json.mapper().valueToTree(settings));
        ObjectNode suites = root.putObject("suites");
        for (SuiteResult r : results) {
            ObjectNode s = suites.putObject(r.suite());
            s.put("title", r.title());
            putSeconds(s, "tookSeconds", r.tookSeconds());
            s.put("repetitions", r.repetitions());
            s.set("rows", Json.mapper().valueToTree(sanitized(r.rows())));
            ArrayNode notes = s.putArray("notes");
            r.notes().forEach(notes::add);
            ArrayNode charts = s.putArray("charts");
            r.charts().forEach(c -> charts.add(c.file()));
        }
        return root;
    }

    /** Markdown for people: one section per suite, its table, notes and chart links. */
    public static String markdown(Instant startedAt, double totalSeconds, Map<String, Object> settings,
            List<SuiteResult> results) {
        StringBuilder sb = new StringBuilder("# Genesis benchmark results\n\n");
        sb.append("Started ").append(startedAt).append(". Reproduce: `./genesis bench ")
                .append(String.join(" ", results.stream().map(SuiteResult::suite)
                        .filter(suite -> !suite.equals(Warmup.SUITE)).toList()))
                .append("` (the warm-up runs before the suites unless `--warmup-tasks 0`).\n\n");
        sb.append("Settings: ");
        settings.forEach((k, v) -> sb.append('`').append(k).append('=').append(v).append("` "));
        sb.append("\n\n");
        List<Map<String, Object>> timing = new ArrayList<>();
        for (SuiteResult r : results) {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("suite", r.suite());
            row.put("repetitions", r.repetitions());
            row.put("took s", r.tookSeconds());
            timing.add(row);
        }
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        all.put("suite", "all (wall time of the invocation)");
        all.put("took s", totalSeconds);
        timing.add(all);
        sb.append(MarkdownTable.format(List.of("suite", "repetitions", "took s"), timing)).append('\n');
        for (SuiteResult r : results) {
            sb.append("## ").append(r.title()).append(" (`").append(r.suite()).append("`)\n\n");
            sb.append(MarkdownTable.format(r.columns(), r.rows())).append('\n');
            for (String note : r.notes()) {
                sb.append("- ").append(note).append('\n');
            }
            if (!r.notes().isEmpty()) {
                sb.append('\n');
            }
            for (BarChart c : r.charts()) {
                sb.append("![").append(c.title()).append("](").append(c.file()).append(")\n");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void putSeconds(ObjectNode node, String field, double seconds) {
        if (Double.isFinite(seconds)) {
            node.put(field, Math.round(seconds * 10) / 10.0);
        } else {
            node.putNull(field);
        }
    }

    /** JSON has no NaN: absent figures become null. */
    private static List<Map<String, Object>> sanitized(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            row.forEach((k, v) -> copy.put(k, v instanceof Double d && !Double.isFinite(d) ? null : v));
            out.add(copy);
        }
        return out;
    }

    private void clearOld() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".png") || n.equals("results.json") || n.equals("summary.md")) {
                    Files.delete(f);
                }
            }
        }
    }
}
