package dev.genesis.queue.api;

import dev.genesis.common.api.FieldError;
import dev.genesis.common.api.Problem;
import java.util.List;

/** A request the API refuses, carrying the problem document to answer with. */
public class ApiProblem extends RuntimeException {

    private final transient Problem problem;

    public ApiProblem(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(Problem.of(404, "Not Found", detail));
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(Problem.of(409, "Conflict", detail));
    }

    public static ApiProblem badField(String field, String message) {
        return new ApiProblem(new Problem("about:blank", "Bad Request", 400, field + ": " + message,
                List.of(new FieldError(field, message))));
    }

    public static ApiProblem tooLarge(long limit) {
        return new ApiProblem(Problem.of(413, "Payload Too Large", "the request body exceeds " + limit + " bytes"));
    }
}
