package dev.genesis.common.spec;

import dev.genesis.common.api.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a parsed run spec against every rule of the contract and returns its graph. All
 * problems are collected (up to {@link #MAX_REPORTED}) so a user fixes them in one go.
 */
public final class SpecValidator {

    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    public static final int MAX_NAME_LENGTH = 200;
    static final int MAX_REPORTED = 100;

    private final SpecLimits limits;

    public SpecValidator(SpecLimits limits) {
        this.limits = limits;
    }

    /** The graph of a valid spec; otherwise a {@link SpecRejectedException} naming each problem. */
    public RunGraph validate(RunSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        checkName(spec.name(), errors);
        List<TaskSpec> tasks = spec.tasks();
        if (tasks.isEmpty()) {
            errors.add(new FieldError("tasks", "must hold at least one task"));
        } else if (tasks.size() > limits.maxTasks()) {
            errors.add(new FieldError("tasks", "holds " + tasks.size() + " tasks; the limit is " + limits.maxTasks()));
        }
        if (!errors.isEmpty()) {
            throw rejected(errors);
        }
        Map<String, Integer> firstIndex = new HashMap<>(tasks.size() * 2);
        for (int i = 0; i < tasks.size(); i++) {
            TaskSpec task = tasks.get(i);
            String at = "tasks[" + i + "]";
            if (task == null) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            if (task.id() == null || !ID.matcher(task.id()).matches()) {
                errors.add(new FieldError(at + ".id", "must match [A-Za-z0-9._-]{1,128}"));
            } else if (firstIndex.putIfAbsent(task.id(), i) != null) {
                errors.add(new FieldError(at + ".id", "duplicate id '" + task.id() + "' (first at tasks["
                        + firstIndex.get(task.id()) + "])"));
            }
            checkTask(task, at, errors);
            if (errors.size() >= MAX_REPORTED) {
                throw rejected(errors);
            }
        }
        for (int i = 0; i < tasks.size(); i++) {
            TaskSpec task = tasks.get(i);
            if (task != null) {
                checkDependencies(task, "tasks[" + i + "]", firstIndex, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw rejected(errors);
        }
        return RunGraph.of(tasks);
    }

    private static void checkName(String name, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
    }

    private void checkTask(TaskSpec task, String at, List<FieldError> errors) {
        if (task.kind() == null || task.kind().isBlank()) {
            errors.add(new FieldError(at + ".kind", "is required"));
        } else if (BuiltInKinds.NAMES.contains(task.kind())) {
            BuiltInKinds.checkParams(task.kind(), task.params(), at + ".params", errors::add);
        } else if (!limits.knows(task.kind())) {
            errors.add(new FieldError(at + ".kind", "unknown kind '" + task.kind() + "'; known: "
                    + String.join(", ", knownKinds())));
        }
        if (task.priority() != null && Math.abs((long) task.priority()) > SpecLimits.MAX_PRIORITY) {
            errors.add(new FieldError(at + ".priority", "must be between -" + SpecLimits.MAX_PRIORITY
                    + " and " + SpecLimits.MAX_PRIORITY));
        }
        if (task.timeoutMs() != null && (task.timeoutMs() < 1 || task.timeoutMs() > SpecLimits.MAX_TIMEOUT_MS)) {
            errors.add(new FieldError(at + ".timeoutMs", "must be between 1 and " + SpecLimits.MAX_TIMEOUT_MS));
        }
        checkRetry(task.retry(), at + ".retry", errors);
        checkPaths(task.resources().writes(), at + ".resources.writes", errors);
        checkPaths(task.resources().reads(), at + ".resources.reads", errors);
    }

    private static void checkRetry(RetryPolicy retry, String at, List<FieldError> errors) {
        if (retry == null) {
            return;
        }
        if (retry.maxAttempts() != null && (retry.maxAttempts() < 1 || retry.maxAttempts() > SpecLimits.MAX_ATTEMPTS)) {
            errors.add(new FieldError(at + ".maxAttempts", "must be between 1 and " + SpecLimits.MAX_ATTEMPTS));
        }
        if (retry.backoffMs() != null && (retry.backoffMs() < 0 || retry.backoffMs() > SpecLimits.MAX_BACKOFF_MS)) {
            errors.add(new FieldError(at + ".backoffMs", "must be between 0 and " + SpecLimits.MAX_BACKOFF_MS));
        }
        if (retry.multiplier() != null && (retry.multiplier() < 1.0 || retry.multiplier() > 10.0)) {
            errors.add(new FieldError(at + ".multiplier", "must be between 1.0 and 10.0"));
        }
        if (retry.maxBackoffMs() != null
                && (retry.maxBackoffMs() < 0 || retry.maxBackoffMs() > SpecLimits.MAX_BACKOFF_MS)) {
            errors.add(new FieldError(at + ".maxBackoffMs", "must be between 0 and " + SpecLimits.MAX_BACKOFF_MS));
        }
    }

    private static void checkPaths(List<String> paths, String at, List<FieldError> errors) {
        for (int i = 0; i < paths.size(); i++) {
            String problem = ResourcePaths.problemWith(paths.get(i));
            if (problem != null) {
                errors.add(new FieldError(at + "[" + i + "]", problem));
            }
        }
    }

    private static void checkDependencies(TaskSpec task, String at, Map<String, Integer> ids,
            List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        List<String> deps = task.dependsOn();
        for (int d = 0; d < deps.size(); d++) {
            String dep = deps.get(d);
            String field = at + ".dependsOn[" + d + "]";
            if (dep == null) {
                errors.add(new FieldError(field, "must be a task id"));
            } else if (dep.equals(task.id())) {
                errors.add(new FieldError(field, "task '" + dep + "' cannot depend on itself"));
            } else if (!ids.containsKey(dep)) {
                errors.add(new FieldError(field, "unknown task '" + dep + "'"));
            } else if (!seen.add(dep)) {
                errors.add(new FieldError(field, "'" + dep + "' is listed twice"));
            }
            if (errors.size() >= MAX_REPORTED) {
                return;
            }
        }
    }

    private List<String> knownKinds() {
        Set<String> all = new HashSet<>(BuiltInKinds.NAMES);
        all.addAll(limits.extraKinds());
        return all.stream().sorted().toList();
    }

    private static SpecRejectedException rejected(List<FieldError> errors) {
        List<FieldError> shown = errors.size() > MAX_REPORTED ? errors.subList(0, MAX_REPORTED) : errors;
        FieldError first = shown.get(0);
        String detail = shown.size() == 1 ? first.field() + ": " + first.message()
                : shown.size() + " problems; first " + first.field() + ": " + first.message();
        return new SpecRejectedException(detail, shown);
    }
}
