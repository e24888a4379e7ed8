package dev.genesis.common.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genesis.common.api.FieldError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpecParserTest {

    private static RunSpec parse(String text, String mediaType) {
        return SpecParser.parse(text.getBytes(StandardCharsets.UTF_8), mediaType);
    }

    @Test
    void readsTheArchitectureExample() {
        RunSpec spec = parse("""
                {"name": "feature-login", "tasks": [
                  {"id": "schema", "kind": "sleep", "params": {"ms": 200}, "priority": 5, "dependsOn": [],
                   "resources": {"writes": ["src/db/schema.sql"], "reads": [], "mode": "merge"},
                   "timeoutMs": 60000, "retry": {"maxAttempts": 3, "backoffMs": 500}},
                  {"id": "api", "kind": "shell", "params": {"command": ["make", "api"]}, "dependsOn": ["schema"]}
                ]}""", "application/json");
        assertThat(spec.name()).isEqualTo("feature-login");
        TaskSpec schema = spec.tasks().get(0);
        assertThat(schema.params()).containsEntry("ms", 200);
        assertThat(schema.resources().mode()).isEqualTo(ResourceMode.MERGE);
        assertThat(schema.effectiveRetry().effectiveMaxAttempts()).isEqualTo(3);
        TaskSpec api = spec.tasks().get(1);
        assertThat(api.effectivePriority()).isZero();
        assertThat(api.resources().mode()).isEqualTo(ResourceMode.LOCK);
        assertThat(api.effectiveTimeoutMs()).isEqualTo(TaskSpec.DEFAULT_TIMEOUT_MS);
    }

    @Test
    void readsYamlByMediaTypeOrContent() {
        String yaml = """
                name: y
                tasks:
                  - id: a
                    kind: noop
                  - id: b
                    kind: sleep
                    params: {ms: 5}
                    dependsOn: [a]
                """;
        assertThat(parse(yaml, "application/yaml").tasks()).hasSize(2);
        assertThat(parse(yaml, null).tasks().get(1).dependsOn()).containsExactly("a");
    }

    @Test
    void malformedJsonIsRejectedWithItsLocation() {
        assertThatThrownBy(() -> parse("{\"name\": \"x\", \"tasks\": [", "application/json"))
                .isInstanceOf(SpecRejectedException.class)
                .hasMessageStartingWith("malformed JSON")
                .hasMessageContaining("line 1");
    }

    @Test
    void malformedYamlIsRejected() {
        assertThatThrownBy(() -> parse("name: \"unterminated\ntasks: []", "application/yaml"))
                .hasMessageStartingWith("malformed YAML");
    }

    @Test
    void wrongTypeNamesTheField() {
        SpecRejectedException e = (SpecRejectedException) catchThrown(
                () -> parse("{\"name\":\"x\",\"tasks\":[{\"id\":\"a\",\"kind\":\"noop\",\"priority\":\"high\"}]}", null));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("tasks[0].priority");
    }

    @Test
    void unknownFieldIsRejectedByName() {
        SpecRejectedException e = (SpecRejectedException) catchThrown(
                () -> parse("{\"name\":\"x\",\"tasks\":[{\"id\":\"a\",\"kind\":\"noop\",\"depends\":[]}]}", null));
        assertThat(e.errors()).containsExactly(new FieldError("tasks[0].depends", "unknown field 'depends'"));
    }

    @Test
    void badResourceModeIsRejected() {
        SpecRejectedException e = (SpecRejectedException) catchThrown(() -> parse(
                "{\"name\":\"x\",\"tasks\":[{\"id\":\"a\",\"kind\":\"noop\",\"resources\":{\"mode\":\"yolo\"}}]}", null));
        assertThat(e.errors().get(0).field()).isEqualTo("tasks[0].resources.mode");
    }

    @Test
    void emptyBodyIsRejected() {
        assertThatThrownBy(() -> parse("", "application/json")).hasMessageContaining("empty");
        assertThatThrownBy(() -> parse("null", "application/json")).hasMessageContaining("empty");
    }

    private static Throwable catchThrown(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a rejection");
    }

    @Test
    void aSpecWrittenByJacksonReadsBack() throws Exception {
        RunSpec spec = TaskSpecBuilder.aRun(TaskSpecBuilder.aTask("a").writes("src/"), TaskSpecBuilder.aTask("b").dependsOn("a"));
        byte[] json = dev.genesis.common.json.Json.mapper().writeValueAsBytes(spec);
        assertThat(SpecParser.parse(json, "application/json")).isEqualTo(spec);
    }
}
