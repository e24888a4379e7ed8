package dev.genesis.dashboard.api;

import dev.genesis.common.api.Problem;
import dev.genesis.dashboard.board.Board;
import dev.genesis.dashboard.board.RunSummary;
import dev.genesis.dashboard.board.Stats;
import dev.genesis.dashboard.board.WorkerView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** The board's aggregates as JSON: what the page shows, for scripts and tests. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class BoardResource {

    private final Board board;

    public BoardResource(Board board) {
        this.board = board;
    }

    /** Every run on the board, newest first, with derived figures but without tasks. */
    @GET
    @Path("/runs")
    public List<RunSummary> runs() {
        return board.runs();
    }

    /** One run with its tasks; 404 when the board does not know it. */
    @GET
    @Path("/runs/{id}")
    public Response run(@PathParam("id") String id) {
        UUID runId;
        try {
            runId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return problem(Problem.of(400, "Invalid run id", "not a UUID: " + id));
        }
        return board.run(runId)
                .map(run -> Response.ok(run).build())
                .orElseGet(() -> problem(Problem.of(404, "Run not found", "no run " + runId + " on the dashboard")));
    }

    @GET
    @Path("/workers")
    public List<WorkerView> workers() {
        return board.workers();
    }

    @GET
    @Path("/stats")
    public Stats stats() {
        return board.stats();
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
