package dev.genesis.e2e.recovery;

import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.TaskFailed;
import dev.genesis.common.events.TaskStarted;
import dev.genesis.common.events.TaskStateBatch;
import dev.genesis.common.events.TaskStateChanged;
import dev.genesis.common.events.TaskSucceeded;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the topics say happened to a run's tasks: the attempts workers started (on their own or
 * inside a short attempt's result) and finished
 * ({@code genesis.tasks.events}) and the terminal states the queue announced
 * ({@code genesis.runs.events}), grouped by task id.
 */
record RunHistory(Map<String, List<TaskStarted>> starts, Map<String, List<TaskSucceeded>> successes,
        Map<String, List<TaskStateChanged>> terminals) {

    static RunHistory of(List<GenesisEvent> taskEvents, List<GenesisEvent> runEvents) {
        return new RunHistory(
                taskEvents.stream().map(RunHistory::startIn).flatMap(Optional::stream)
                        .collect(Collectors.groupingBy(TaskStarted::taskId)),
                taskEvents.stream().filter(TaskSucceeded.class::isInstance).map(TaskSucceeded.class::cast)
                        .collect(Collectors.groupingBy(TaskSucceeded::taskId)),
                runEvents.stream().flatMap(RunHistory::changesIn).filter(e -> e.state().isTerminal())
                        .collect(Collectors.groupingBy(TaskStateChanged::taskId)));
    }

    /** The task state changes a record of the runs topic carries: one on its own, or a batch's. */
    private static Stream<TaskStateChanged> changesIn(GenesisEvent event) {
        if (event instanceof TaskStateChanged change) {
            return Stream.of(change);
        }
        if (event instanceof TaskStateBatch batch) {
            return batch.changes().stream();
        }
        return Stream.empty();
    }

    /** A start said on its own, or inside the result of an attempt that ended before its start was sent. */
    private static Optional<TaskStarted> startIn(GenesisEvent event) {
        if (event instanceof TaskStarted started) {
            return Optional.of(started);
        }
        if (event instanceof TaskSucceeded e && e.startedAt() != null) {
            return Optional.of(new TaskStarted(e.runId(), e.taskId(), e.attempt(), e.workerId(), e.startedAt()));
        }
        if (event instanceof TaskFailed e && e.startedAt() != null) {
            return Optional.of(new TaskStarted(e.runId(), e.taskId(), e.attempt(), e.workerId(), e.startedAt()));
        }
        return Optional.empty();
    }

    List<TaskStarted> startsOf(String taskId) {
        return starts.getOrDefault(taskId, List.of());
    }

    List<TaskSucceeded> successesOf(String taskId) {
        return successes.getOrDefault(taskId, List.of());
    }

    List<TaskStateChanged> terminalsOf(String taskId) {
        return terminals.getOrDefault(taskId, List.of());
    }
}
