package dev.genesis.worker.kinds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a task's parameters; a wrong type is an {@link IllegalArgumentException} (bad parameters, not retried). */
final class Params {

    private Params() {
    }

    static long longValue(Map<String, Object> params, String name, long fallback) {
        Object v = params.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be a number");
    }

    static String string(Map<String, Object> params, String name, String fallback) {
        Object v = params.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be a string");
    }

    static List<String> stringList(Map<String, Object> params, String name) {
        if (!(params.get(name) instanceof List<?> list) || list.isEmpty()
                || !list.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a non-empty array of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    static Map<String, String> stringMap(Map<String, Object> params, String name) {
        Object v = params.get(name);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> map) || !map.values().stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException("parameter '" + name + "' must be an object of strings");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, val) -> copy.put(String.valueOf(k), (String) val));
        return copy;
    }
}
