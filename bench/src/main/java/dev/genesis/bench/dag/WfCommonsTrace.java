package dev.genesis.bench.dag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genesis.common.json.Json;
import dev.genesis.common.spec.Resources;
import dev.genesis.common.spec.RunSpec;
import dev.genesis.common.spec.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A WfCommons workflow trace turned into a run: each task a {@code sleep} of its recorded
 * runtime times a scale, {@code parents} as dependencies, and its files as resources (outputs
 * written, inputs read, under {@code files/}).
 *
 * @param name the trace's file name without {@code .json}
 * @param spec the run to submit
 * @param pegasusMakespanMs the makespan the original system achieved, scaled like the tasks
 */
public record WfCommonsTrace(String name, RunSpec spec, double pegasusMakespanMs) {

    /** Every {@code *.json} trace in a folder, sorted by name. */
    public static List<WfCommonsTrace> loadAll(Path dir, double msPerSecond) throws IOException {
        List<WfCommonsTrace> traces = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                traces.add(load(f, msPerSecond));
            }
        }
        return traces;
    }

    /** Reads one trace; {@code msPerSecond} is how many milliseconds one traced second becomes. */
    public static WfCommonsTrace load(Path file, double msPerSecond) throws IOException {
        String base = file.getFileName().toString().replaceFirst("\\.json$", "");
        return convert(base, Json.mapper().readTree(file.toFile()), msPerSecond);
    }

    static WfCommonsTrace convert(String name, JsonNode root, double msPerSecond) {
        JsonNode workflow = root.path("workflow");
        JsonNode tasks = workflow.path("tasks");
        if (!tasks.isArray() || tasks.isEmpty()) {
            throw new IllegalArgumentException(name + ": no workflow.tasks");
        }
        Map<String, String> ids = new HashMap<>();
        Set<String> used = new LinkedHashSet<>();
        for (JsonNode t : tasks) {
            String original = t.path("name").asText(t.path("id").asText());
            ids.put(original, unique(sanitize(original), used));
        }
        List<TaskSpec> specs = new ArrayList<>(tasks.size());
        for (JsonNode t : tasks) {
            String original = t.path("name").asText(t.path("id").asText());
            Set<String> deps = new LinkedHashSet<>();
            for (JsonNode parent : t.path("parents")) {
                String dep = ids.get(parent.asText());
                if (dep == null) {
                    throw new IllegalArgumentException(name + ": task " + original + " has unknown parent " + parent);
                }
                deps.add(dep);
            }
            Set<String> writes = new LinkedHashSet<>();
            Set<String> reads = new LinkedHashSet<>();
            for (JsonNode f : t.path("files")) {
                String path = "files/" + f.path("name").asText();
                ("output".equals(f.path("link").asText()) ? writes : reads).add(path);
            }
            // A file a task both reads and writes is a write: the exclusive lock covers the read.
            reads.removeAll(writes);
            long ms = Math.round(t.path("runtimeInSeconds").asDouble(0) * msPerSecond);
            specs.add(new TaskSpec(ids.get(original), "sleep", Map.of("ms", Math.max(0, ms)), null,
                    List.copyOf(deps), new Resources(List.copyOf(writes), List.copyOf(reads), null), null, null));
        }
        double pegasus = workflow.path("makespanInSeconds").asDouble(Double.NaN) * msPerSecond;
        String runName = "trace-" + name;
        return new WfCommonsTrace(name, new RunSpec(runName.length() > 200 ? runName.substring(0, 200) : runName, specs),
                pegasus);
    }

    /** Maps a trace name onto the id alphabet [A-Za-z0-9._-]{1,128}. */
    static String sanitize(String raw) {
        String s = raw == null ? "" : raw.replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.isEmpty()) {
            s = "task";
        }
        return s.length() > 120 ? s.substring(0, 120) : s;
    }

    private static String unique(String id, Set<String> used) {
        String candidate = id;
        for (int k = 2; !used.add(candidate); k++) {
            candidate = id + "_" + k;
        }
        return candidate;
    }
}
