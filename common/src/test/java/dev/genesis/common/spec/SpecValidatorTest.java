package dev.genesis.common.spec;

import static dev.genesis.common.spec.TaskSpecBuilder.aRun;
import static dev.genesis.common.spec.TaskSpecBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genesis.common.api.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

    private final SpecValidator validator = new SpecValidator(SpecLimits.DEFAULT);

    private List<FieldError> errorsOf(RunSpec spec) {
        try {
            validator.validate(spec);
        } catch (SpecRejectedException e) {
            return e.errors();
        }
        throw new AssertionError("expected the spec to be rejected");
    }

    @Test
    void diamondIsAcceptedWithItsCriticalPath() {
        RunGraph graph = validator.validate(aRun(aTask("a"), aTask("b").dependsOn("a"), aTask("c").dependsOn("a"),
                aTask("d").dependsOn("b", "c")));
        assertThat(graph.size()).isEqualTo(4);
        assertThat(graph.remainingPath(0)).isEqualTo(3);
        assertThat(graph.remainingPath(3)).isEqualTo(1);
        assertThat(graph.dependentsOf(0)).containsExactlyInAnyOrder(1, 2);
        assertThat(graph.dependencyCount(3)).isEqualTo(2);
        assertThat(graph.criticalPathLength()).isEqualTo(3);
    }

    @Test
    void theRemainingPathInMillisecondsAddsTheLengthsKindsKnow() {
        RunGraph graph = validator.validate(aRun(aTask("a").kind("sleep").param("ms", 10),
                aTask("b").kind("sleep").param("ms", 100).dependsOn("a"),
                aTask("c").kind("sleep").param("ms", 5).dependsOn("a"),
                aTask("d").kind("shell").param("command", List.of("true")).dependsOn("c"),
                aTask("e").dependsOn("b", "d")));
        assertThat(graph.remainingMs(0)).as("a → b → e").isEqualTo(110);
        assertThat(graph.remainingMs(1)).isEqualTo(100);
        assertThat(graph.remainingMs(2)).as("a shell's length is unknown: 0").isEqualTo(5);
        assertThat(graph.remainingMs(4)).isZero();
        assertThat(graph.remainingPath(2)).as("in tasks, c → d → e is longer than b → e").isEqualTo(3);
        assertThat(graph.remainingPath(1)).isEqualTo(2);
    }

    @Test
    void cycleIsRejectedWithItsPath() {
        assertThatThrownBy(() -> validator.validate(aRun(aTask("a").dependsOn("c"), aTask("b").dependsOn("a"),
                aTask("c").dependsOn("b"), aTask("free"))))
                .isInstanceOf(SpecRejectedException.class)
                .hasMessage("dependency cycle: a -> b -> c -> a");
    }

    @Test
    void twoTaskCycleIsNamed() {
        assertThatThrownBy(() -> validator.validate(aRun(aTask("a").dependsOn("b"), aTask("b").dependsOn("a"))))
                .hasMessageContaining("a -> b -> a");
    }

    @Test
    void duplicateIdNamesTheField() {
        assertThat(errorsOf(aRun(aTask("a"), aTask("a"))))
                .containsExactly(new FieldError("tasks[1].id", "duplicate id 'a' (first at tasks[0])"));
    }

    @Test
    void badIdsAreRejected() {
        assertThat(errorsOf(aRun(aTask("has space"), aTask(""), aTask("x".repeat(129)))))
                .extracting(FieldError::field)
                .containsExactly("tasks[0].id", "tasks[1].id", "tasks[2].id");
    }

    @Test
    void missingIdIsRejected() {
        assertThat(errorsOf(aRun(aTask(null)))).extracting(FieldError::field).containsExactly("tasks[0].id");
    }

    @Test
    void unknownAndSelfDependenciesAreRejected() {
        List<FieldError> errors = errorsOf(aRun(aTask("a").dependsOn("ghost"), aTask("b").dependsOn("b")));
        assertThat(errors).containsExactly(
                new FieldError("tasks[0].dependsOn[0]", "unknown task 'ghost'"),
                new FieldError("tasks[1].dependsOn[0]", "task 'b' cannot depend on itself"));
    }

    @Test
    void unknownKindIsRejectedButExtraKindsAreAccepted() {
        assertThat(errorsOf(aRun(aTask("a").kind("teleport")))).extracting(FieldError::field)
                .containsExactly("tasks[0].kind");
        new SpecValidator(new SpecLimits(10, Set.of("teleport"))).validate(aRun(aTask("a").kind("teleport")));
    }

    @Test
    void kindParametersAreChecked() {
        List<FieldError> errors = errorsOf(aRun(
                aTask("s").kind("sleep"),
                aTask("n").kind("sleep").param("ms", -5),
                aTask("sh").kind("shell").param("command", "make all"),
                aTask("h").kind("http").param("url", "ftp://x"),
                aTask("e").kind("edit").param("path", "a.txt"),
                aTask("x").kind("noop").param("extra", 1)));
        assertThat(errors).extracting(FieldError::field).containsExactly(
                "tasks[0].params.ms", "tasks[1].params.ms", "tasks[2].params.command", "tasks[3].params.url",
                "tasks[4].params", "tasks[5].params.extra");
    }

    @Test
    void priorityTimeoutAndRetryAreBounded() {
        List<FieldError> errors = errorsOf(aRun(aTask("a").priority(2_000_000), aTask("b").timeoutMs(0),
                aTask("c").retry(0, 10), aTask("d").retry(3, -1)));
        assertThat(errors).extracting(FieldError::field).containsExactly("tasks[0].priority", "tasks[1].timeoutMs",
                "tasks[2].retry.maxAttempts", "tasks[3].retry.backoffMs");
    }

    @Test
    void resourcePathsMustStayInTheWorkspace() {
        List<FieldError> errors = errorsOf(aRun(aTask("a").writes("/etc/passwd"), aTask("b").reads("src/../../x"),
                aTask("c").writes("ok/file.txt", "")));
        assertThat(errors).extracting(FieldError::field)
                .containsExactly("tasks[0].resources.writes[0]", "tasks[1].resources.reads[0]",
                        "tasks[2].resources.writes[1]");
        assertThat(errors.get(1).message()).contains("..");
    }

    @Test
    void runsAboveTheConfiguredSizeAreRejected() {
        SpecValidator small = new SpecValidator(new SpecLimits(2, Set.of()));
        assertThatThrownBy(() -> small.validate(aRun(aTask("a"), aTask("b"), aTask("c"))))
                .hasMessageContaining("the limit is 2");
    }

    @Test
    void emptyRunAndMissingNameAreRejected() {
        assertThat(errorsOf(new RunSpec(null, List.of()))).extracting(FieldError::field).containsExactly("name", "tasks");
    }

    @Test
    void hundredThousandTaskRunValidates() {
        List<TaskSpecBuilder> tasks = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            TaskSpecBuilder t = aTask("t" + i);
            if (i > 0) {
                t.dependsOn("t" + (i - 1) / 2);
            }
            tasks.add(t);
        }
        RunGraph graph = validator.validate(aRun(tasks.toArray(TaskSpecBuilder[]::new)));
        assertThat(graph.criticalPathLength()).isEqualTo(17);
    }
}
