package dev.genesis.common.api;

/** One reason a request was rejected: the field path (e.g. {@code tasks[2].dependsOn[0]}) and why. */
public record FieldError(String field, String message) {
}
