package dev.genesis.dashboard.api;

import dev.genesis.common.api.FieldError;
import dev.genesis.common.api.Problem;
import dev.genesis.dashboard.board.Board;
import dev.genesis.dashboard.board.ConflictView;
import dev.genesis.dashboard.board.LocksView;
import dev.genesis.dashboard.coordinator.CoordinatorPoller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The coordinator's locks and conflicts as the board holds them (read every second). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "coordination")
public class CoordinationResource {

    private final Board board;
    private final CoordinatorPoller coordinator;

    public CoordinationResource(Board board, CoordinatorPoller coordinator) {
        this.board = board;
        this.coordinator = coordinator;
    }

    @GET
    @Path("/locks")
    @Operation(summary = "Locked paths (mode, holder task, worker, since when) and lock requests waiting, "
            + "with the holders in their way")
    public LocksView locks() {
        return board.locks();
    }

    @GET
    @Path("/conflicts")
    @Operation(summary = "The newest merge conflicts, newest first")
    public List<ConflictView> conflicts() {
        return board.conflicts();
    }

    /** Passed through from the coordinator, so that the page links to the dashboard alone. */
    @GET
    @Path("/conflicts/{id}")
    @Operation(summary = "One conflict with its base, ours and theirs contents (from the coordinator)")
    @APIResponse(responseCode = "400", description = "not a conflict id")
    @APIResponse(responseCode = "404", description = "the coordinator has no such conflict")
    @APIResponse(responseCode = "502", description = "the coordinator did not answer")
    public Response conflict(@PathParam("id") String id) {
        long conflictId;
        try {
            conflictId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return problem(new Problem("about:blank", "Invalid conflict id", 400, "not a conflict id: " + id,
                    List.of(new FieldError("id", "must be a whole number"))));
        }
        try {
            return Response.ok(coordinator.conflictDetail(conflictId), MediaType.APPLICATION_JSON).build();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            return status == 404
                    ? problem(Problem.of(404, "Conflict not found", "the coordinator has no conflict " + conflictId))
                    : problem(Problem.of(502, "Coordinator error", "the coordinator answered " + status));
        } catch (RuntimeException e) {
            return problem(Problem.of(502, "Coordinator unreachable", "the coordinator did not answer: "
                    + e.getMessage()));
        }
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
