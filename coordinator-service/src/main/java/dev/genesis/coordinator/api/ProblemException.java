package dev.genesis.coordinator.api;

import dev.genesis.common.api.FieldError;
import dev.genesis.common.api.Problem;
import java.util.List;

/** Thrown by resources to answer with an RFC 9457 problem instead of a stack trace. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(int status, String title, String detail) {
        this(new Problem("about:blank", title, status, detail, List.of()));
    }

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String detail, List<FieldError> errors) {
        return new ProblemException(new Problem("about:blank", "Bad request", 400, detail, List.copyOf(errors)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail);
    }
}
