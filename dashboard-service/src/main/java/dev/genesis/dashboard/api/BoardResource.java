package dev.genesis.dashboard.api;

import dev.genesis.common.api.Problem;
import dev.genesis.dashboard.board.Board;
import dev.genesis.dashboard.board.RunDetail;
import dev.genesis.dashboard.board.RunSummary;
import dev.genesis.dashboard.board.Series;
import dev.genesis.dashboard.board.Stats;
import dev.genesis.dashboard.board.WorkerView;
import dev.genesis.dashboard.bootstrap.QueueBootstrap;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The board's aggregates as JSON: what the page shows, for scripts and tests. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "board")
public class BoardResource {

    private final Board board;
    private final QueueBootstrap queue;

    public BoardResource(Board board, QueueBootstrap queue) {
        this.board = board;
        this.queue = queue;
    }

    /** Every run on the board, newest first, with derived figures but without tasks. */
    @GET
    @Path("/runs")
    @Operation(summary = "Runs, newest first, with progress, makespan, speed-up and ETA (figures.etaMs)")
    public List<RunSummary> runs() {
        return board.runs();
    }

    /**
     * One run with its tasks. A run the board has not seen yet (submitted a moment ago, or from
     * before a restart and not among the newest) is loaded from queue-service first; 404 when
     * neither knows it.
     */
    @GET
    @Path("/runs/{id}")
    @Operation(summary = "One run with its figures (ETA included) and every task")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunDetail.class)))
    @APIResponse(responseCode = "400", description = "not a UUID")
    @APIResponse(responseCode = "404", description = "neither the dashboard nor queue-service knows the run")
    public Response run(@PathParam("id") String id) {
        UUID runId;
        try {
            runId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return problem(Problem.of(400, "Invalid run id", "not a UUID: " + id));
        }
        return board.run(runId)
                .or(() -> queue.loadNow(runId) ? board.run(runId) : Optional.empty())
                .map(run -> Response.ok(run).build())
                .orElseGet(() -> problem(Problem.of(404, "Run not found", "no run " + runId + " on the dashboard")));
    }

    @GET
    @Path("/workers")
    @Operation(summary = "Workers with their slots, heartbeat age and running attempts")
    public List<WorkerView> workers() {
        return board.workers();
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Totals: runs by state, tasks/s over 10 s, slots busy")
    public Stats stats() {
        return board.stats();
    }

    /**
     * One point per second over the last five minutes: tasks finished, and the p50/p99 dispatch
     * latency of the tasks that started in that second. The live stream sends changed points.
     */
    @GET
    @Path("/series")
    @Operation(summary = "Tasks finished per second and dispatch latency p50/p99 per second, last 5 minutes")
    public Series series() {
        return board.series();
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
