package dev.genesis.coordinator.api;

import dev.genesis.common.api.FieldError;
import dev.genesis.common.api.Problem;
import java.util.List;

/** Thrown by resources to answer with an RFC 9457 problem instead of a stack trace. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Object body;

    public ProblemException(int status, String title, String detail) {
        this(new Problem("about:blank", title, status, detail, List.of()));
    }

    public ProblemException(Problem problem) {
        this(problem, problem);
    }

    /**
     * A problem whose document carries extension members (RFC 9457 allows them), e.g. the list of
     * conflicts of a rejected changeset.
     *
     * @param body the document to send; its status must be {@code problem.status()}
     */
    public ProblemException(Problem problem, Object body) {
        super(problem.detail());
        this.problem = problem;
        this.body = body;
    }

    public Problem problem() {
        return problem;
    }

    /** The document to send: the problem itself, or a richer record with extension members. */
    public Object body() {
        return body;
    }

    public static ProblemException badRequest(String detail, List<FieldError> errors) {
        return new ProblemException(new Problem("about:blank", "Bad request", 400, detail, List.copyOf(errors)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail);
    }
}
