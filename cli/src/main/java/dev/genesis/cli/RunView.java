package dev.genesis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A run as {@code GET /api/runs/{id}} shows it, with the figures the CLI prints. */
record RunView(String id, String name, String state, Instant createdAt, Instant finishedAt, List<TaskView> tasks) {

    /** One task line of the run. */
    record TaskView(String id, String state, int attempt, String worker, Instant startedAt, Instant finishedAt,
            String error) {

        Duration duration() {
            return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
        }

        boolean isTerminal() {
            return switch (state) {
                case "SUCCEEDED", "FAILED", "SKIPPED", "CANCELLED" -> true;
                default -> false;
            };
        }
    }

    static RunView from(JsonNode json) {
        List<TaskView> tasks = new ArrayList<>();
        for (JsonNode t : json.path("tasks")) {
            tasks.add(new TaskView(t.path("id").asText(), t.path("state").asText(), t.path("attempt").asInt(),
                    text(t, "worker"), instant(t, "startedAt"), instant(t, "finishedAt"), text(t, "error")));
        }
        return new RunView(json.path("id").asText(), json.path("name").asText(), json.path("state").asText(),
                instant(json, "createdAt"), instant(json, "finishedAt"), tasks);
    }

    boolean isFinished() {
        return !"RUNNING".equals(state);
    }

    long count(String taskState) {
        return tasks.stream().filter(t -> t.state().equals(taskState)).count();
    }

    long terminalCount() {
        return tasks.stream().filter(TaskView::isTerminal).count();
    }

    /** First start to last finish of the tasks that ran. */
    Duration makespan() {
        Instant first = null;
        Instant last = null;
        for (TaskView t : tasks) {
            if (t.duration() != null) {
                first = first == null || t.startedAt().isBefore(first) ? t.startedAt() : first;
                last = last == null || t.finishedAt().isAfter(last) ? t.finishedAt() : last;
            }
        }
        return first == null ? Duration.ZERO : Duration.between(first, last);
    }

    /** What the run would take on one slot: the sum of its tasks' run times. */
    Duration serialSum() {
        return tasks.stream().map(TaskView::duration).filter(d -> d != null).reduce(Duration.ZERO, Duration::plus);
    }

    double speedUp() {
        long makespan = makespan().toMillis();
        return makespan == 0 ? 0 : (double) serialSum().toMillis() / makespan;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }
}
