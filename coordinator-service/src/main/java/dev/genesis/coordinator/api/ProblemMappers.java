package dev.genesis.coordinator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.genesis.common.api.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns expected failures into {@code application/problem+json}; bad input never becomes a 500. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Response.status(e.problem().status()).type(Problem.MEDIA_TYPE).entity(e.body()).build();
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        return respond(Problem.of(400, "Unreadable body", "the body is not the expected JSON: " + e.getOriginalMessage()));
    }

    /** Errors raised by the framework itself (unreadable body, unsupported media type, ...) as problems too. */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(Problem.of(status.getStatusCode(), status.getReasonPhrase(), e.getMessage()));
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
