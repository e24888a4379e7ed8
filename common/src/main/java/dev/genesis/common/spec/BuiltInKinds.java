package dev.genesis.common.spec;

import dev.genesis.common.api.FieldError;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/** The kinds every worker runs, and the checks on their parameters. */
public final class BuiltInKinds {

    public static final Set<String> NAMES = Set.of("noop", "sleep", "fail", "shell", "http", "edit");

    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
    private static final long MAX_SLEEP_MS = 7L * 24 * 3_600_000L;

    private BuiltInKinds() {
    }

    /**
     * How long an attempt of a built-in kind is known to take, when its parameters say so
     * ({@code noop} and {@code fail}: no time; {@code sleep}: its {@code ms}); empty for the kinds
     * whose length only the run can tell.
     */
    public static OptionalLong expectedMillis(String kind, Map<String, Object> params) {
        return switch (kind) {
            case "noop", "fail" -> OptionalLong.of(0);
            case "sleep" -> params.get("ms") instanceof Number ms ? OptionalLong.of(ms.longValue()) : OptionalLong.empty();
            default -> OptionalLong.empty();
        };
    }

    /** Checks {@code params} of a built-in kind; reports each problem under {@code prefix}. */
    public static void checkParams(String kind, Map<String, Object> params, String prefix,
            Consumer<FieldError> report) {
        Params p = new Params(params, prefix, report);
        switch (kind) {
            case "noop" -> p.allowOnly();
            case "sleep" -> {
                p.allowOnly("ms");
                p.requireLong("ms", 0, MAX_SLEEP_MS);
            }
            case "fail" -> {
                p.allowOnly("message", "times");
                p.optionalString("message");
                p.optionalLong("times", 0, 1_000);
            }
            case "shell" -> {
                p.allowOnly("command", "env", "cwd");
                p.requireStringList("command");
                p.optionalStringMap("env");
                p.optionalPath("cwd");
            }
            case "http" -> {
                p.allowOnly("url", "method", "headers", "body", "timeoutMs");
                p.requireUrl("url");
                p.optionalOneOf("method", HTTP_METHODS);
                p.optionalStringMap("headers");
                p.optionalString("body");
                p.optionalLong("timeoutMs", 1, MAX_SLEEP_MS);
            }
            case "edit" -> {
                p.allowOnly("path", "content", "patch");
                p.requirePath("path");
                p.optionalString("content");
                p.optionalString("patch");
                if (params.containsKey("content") == params.containsKey("patch")) {
                    report.accept(new FieldError(prefix, "needs exactly one of 'content' or 'patch'"));
                }
            }
            default -> throw new IllegalArgumentException("not a built-in kind: " + kind);
        }
    }

    /** Small checks on one parameter map; each failure is reported, never thrown. */
    private record Params(Map<String, Object> values, String prefix, Consumer<FieldError> report) {

        void allowOnly(String... names) {
            List<String> allowed = List.of(names);
            for (String key : values.keySet()) {
                if (!allowed.contains(key)) {
                    fail(key, "unknown parameter; allowed: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed)));
                }
            }
        }

        void requireLong(String name, long min, long max) {
            if (!values.containsKey(name)) {
                fail(name, "is required");
            } else {
                optionalLong(name, min, max);
            }
        }

        void optionalLong(String name, long min, long max) {
            Object v = values.get(name);
            if (v == null) {
                return;
            }
            if (!(v instanceof Integer || v instanceof Long)) {
                fail(name, "must be a whole number");
            } else if (((Number) v).longValue() < min || ((Number) v).longValue() > max) {
                fail(name, "must be between " + min + " and " + max);
            }
        }

        void optionalString(String name) {
            Object v = values.get(name);
            if (v != null && !(v instanceof String)) {
                fail(name, "must be a string");
            }
        }

        void optionalOneOf(String name, Set<String> allowed) {
            Object v = values.get(name);
            if (v != null && !(v instanceof String s && allowed.contains(s))) {
                fail(name, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }

        void requireStringList(String name) {
            Object v = values.get(name);
            if (!(v instanceof List<?> list) || list.isEmpty()) {
                fail(name, "must be a non-empty array of strings (argv, not a shell string)");
                return;
            }
            for (Object item : list) {
                if (!(item instanceof String)) {
                    fail(name, "must contain only strings");
                    return;
                }
            }
        }

        void optionalStringMap(String name) {
            Object v = values.get(name);
            if (v == null) {
                return;
            }
            if (!(v instanceof Map<?, ?> map) || !map.values().stream().allMatch(String.class::isInstance)) {
                fail(name, "must be an object of string values");
            }
        }

        void requirePath(String name) {
            if (!values.containsKey(name)) {
                fail(name, "is required");
            } else {
                optionalPath(name);
            }
        }

        void optionalPath(String name) {
            Object v = values.get(name);
            if (v == null) {
                return;
            }
            String problem = v instanceof String s ? ResourcePaths.problemWith(s) : "must be a string";
            if (problem != null) {
                fail(name, problem);
            }
        }

        void requireUrl(String name) {
            Object v = values.get(name);
            if (!(v instanceof String s)) {
                fail(name, "is required and must be a string");
                return;
            }
            try {
                URI uri = URI.create(s);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    fail(name, "must be an absolute http or https URL");
                }
            } catch (IllegalArgumentException e) {
                fail(name, "is not a valid URL");
            }
        }

        private void fail(String name, String message) {
            report.accept(new FieldError(prefix + "." + name, message));
        }
    }
}
