package dev.genesis.common.api;

import java.util.List;

/** An RFC 9457 problem document, the body of every Genesis error response. */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of());
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem("https://genesis.dev/problems/invalid-run-spec", "Invalid run spec", 400, detail,
                List.copyOf(errors));
    }
}
