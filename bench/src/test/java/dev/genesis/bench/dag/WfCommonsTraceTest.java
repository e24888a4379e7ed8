package dev.genesis.bench.dag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genesis.bench.stats.LowerBound;
import dev.genesis.common.json.Json;
import dev.genesis.common.spec.SpecLimits;
import dev.genesis.common.spec.SpecValidator;
import dev.genesis.common.spec.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WfCommonsTraceTest {

    /** bench/ is the working directory of the tests; the traces live beside the repository. */
    private static final Path TRACES = Path.of(System.getProperty("user.dir")).resolve("../../shared/workloads/wfcommons")
            .normalize();

    @Test
    void everyTraceConvertsIntoAValidSpecWithItsTaskCountAndCriticalPath() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(TRACES)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("traces in " + TRACES).isNotEmpty();
        for (Path file : files) {
            JsonNode raw = Json.mapper().readTree(file.toFile());
            WfCommonsTrace trace = WfCommonsTrace.load(file, 10);
            assertThat(new SpecValidator(SpecLimits.DEFAULT).validate(trace.spec()).size())
                    .as(file.getFileName().toString()).isEqualTo(raw.path("workflow").path("tasks").size());
            assertThat(LowerBound.of(trace.spec(), LowerBound::declaredDurationMs, 1).criticalPathMs())
                    .as(file.getFileName() + " critical path").isEqualTo(criticalPathMs(raw, 10));
            assertThat(trace.pegasusMakespanMs())
                    .isEqualTo(raw.path("workflow").path("makespanInSeconds").asDouble() * 10);
        }
    }

    @Test
    void filesBecomeResourcesAndParentsDependencies() {
        JsonNode root = Json.mapper().valueToTree(Map.of("workflow", Map.of("makespanInSeconds", 3, "tasks", List.of(
                Map.of("name", "make a", "parents", List.of(), "runtimeInSeconds", 1.5,
                        "files", List.of(Map.of("link", "output", "name", "a.dat", "sizeInBytes", 1))),
                Map.of("name", "use:a", "parents", List.of("make a"), "runtimeInSeconds", 0.2,
                        "files", List.of(Map.of("link", "input", "name", "a.dat", "sizeInBytes", 1)))))));
        WfCommonsTrace trace = WfCommonsTrace.convert("tiny", root, 10);
        TaskSpec make = trace.spec().tasks().get(0);
        TaskSpec use = trace.spec().tasks().get(1);
        assertThat(make.id()).isEqualTo("make_a");
        assertThat(make.params()).containsEntry("ms", 15L);
        assertThat(make.resources().writes()).containsExactly("files/a.dat");
        assertThat(use.id()).isEqualTo("use_a");
        assertThat(use.dependsOn()).containsExactly("make_a");
        assertThat(use.resources().reads()).containsExactly("files/a.dat");
        assertThat(trace.pegasusMakespanMs()).isEqualTo(30.0);
    }

    /** An independent longest path over the raw JSON, by memoised recursion. */
    private static long criticalPathMs(JsonNode raw, double scale) {
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode t : raw.path("workflow").path("tasks")) {
            byName.put(t.path("name").asText(), t);
        }
        Map<String, Long> memo = new HashMap<>();
        long best = 0;
        for (String name : byName.keySet()) {
            best = Math.max(best, finish(name, byName, memo, scale));
        }
        return best;
    }

    private static long finish(String name, Map<String, JsonNode> byName, Map<String, Long> memo, double scale) {
        Long known = memo.get(name);
        if (known != null) {
            return known;
        }
        JsonNode t = byName.get(name);
        long start = 0;
        for (JsonNode p : t.path("parents")) {
            start = Math.max(start, finish(p.asText(), byName, memo, scale));
        }
        long f = start + Math.round(t.path("runtimeInSeconds").asDouble() * scale);
        memo.put(name, f);
        return f;
    }
}
