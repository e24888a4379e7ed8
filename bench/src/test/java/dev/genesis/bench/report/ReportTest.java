package dev.genesis.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void markdownTableHasHeaderSeparatorAndFormattedCells() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("case", "a|b");
        row.put("ms", 3.14159);
        row.put("big", 1234.6);
        row.put("ok", true);
        row.put("missing", Double.NaN);
        String table = MarkdownTable.format(List.of("case", "ms", "big", "ok", "missing"), List.of(row));
        assertThat(table.lines().toList()).containsExactly(
                "| case | ms | big | ok | missing |",
                "|---|---|---|---|---|",
                "| a\\|b | 3.14 | 1235 | met | – |");
    }

    @Test
    void falseTargetReadsMissed() {
        assertThat(MarkdownTable.cell(false)).isEqualTo("missed");
        assertThat(MarkdownTable.cell(12.345)).isEqualTo("12.3");
        assertThat(MarkdownTable.cell(null)).isEqualTo("–");
    }

    @Test
    void chartRendersBarsIntoANonEmptyPng(@TempDir Path dir) throws Exception {
        BarChart chart = new BarChart("c.png", "Latency", "ms", List.of("chain", "fan-out"), List.of("p50", "p99"),
                List.of(List.of(2.0, 3.0), List.of(10.0, Double.NaN)), 25.0, "target");
        BufferedImage image = Charts.render(chart);
        assertThat(coloredPixels(image)).isGreaterThan(1000);
        Path png = Charts.write(chart, dir);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(1000);
        assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void writerProducesJsonMarkdownAndCharts(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("stale.png"), "old");
        SuiteResult r = new SuiteResult("latency", "Dispatch latency", List.of("shape", "p50 ms"))
                .row("shape", "chain", "p50 ms", 1.5).note("a note")
                .chart(new BarChart("latency.png", "L", "ms", List.of("chain"), List.of("p50"), List.of(List.of(1.5)),
                        null, null));
        r.took(12.34, 2);
        new ResultsWriter(dir).write(Instant.parse("2026-01-01T00:00:00Z"), 99.96, Map.of("repeat", 3), List.of(r));
        assertThat(dir.resolve("stale.png")).doesNotExist();
        assertThat(dir.resolve("latency.png")).isNotEmptyFile();
        assertThat(Files.readString(dir.resolve("results.json"))).contains("\"latency\"", "\"p50 ms\" : 1.5",
                "\"totalSeconds\" : 100.0", "\"tookSeconds\" : 12.3", "\"repetitions\" : 2");
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("| latency | 2 | 12.3 |",
                "| all (wall time of the invocation) | – | 100.0 |", "## Dispatch latency (`latency`)",
                "| chain | 1.50 |", "- a note", "![L](latency.png)");
    }

    private static int coloredPixels(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    count++;
                }
            }
        }
        return count;
    }
}
