package dev.genesis.queue.support;

import dev.genesis.common.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data builders for run specs, written as the JSON a user would send. */
public final class Specs {

    private Specs() {
    }

    public static TaskBuilder aTask(String id) {
        return new TaskBuilder(id);
    }

    public static String run(String name, TaskBuilder... tasks) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (TaskBuilder t : tasks) {
            list.add(t.fields);
        }
        return json(Map.of("name", name, "tasks", list));
    }

    public static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One task of a spec; noop unless told otherwise. */
    public static final class TaskBuilder {
        final Map<String, Object> fields = new LinkedHashMap<>();

        TaskBuilder(String id) {
            fields.put("id", id);
            fields.put("kind", "noop");
        }

        public TaskBuilder kind(String kind, Map<String, Object> params) {
            fields.put("kind", kind);
            fields.put("params", params);
            return this;
        }

        public TaskBuilder dependsOn(String... ids) {
            fields.put("dependsOn", List.of(ids));
            return this;
        }

        public TaskBuilder priority(int priority) {
            fields.put("priority", priority);
            return this;
        }

        public TaskBuilder writes(String... paths) {
            fields.put("resources", Map.of("writes", List.of(paths)));
            return this;
        }

        public TaskBuilder retry(int maxAttempts, long backoffMs) {
            fields.put("retry", Map.of("maxAttempts", maxAttempts, "backoffMs", backoffMs));
            return this;
        }

        public TaskBuilder set(String field, Object value) {
            fields.put(field, value);
            return this;
        }
    }
}
