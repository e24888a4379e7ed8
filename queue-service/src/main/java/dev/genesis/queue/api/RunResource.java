package dev.genesis.queue.api;

import dev.genesis.common.spec.RunGraph;
import dev.genesis.common.spec.SpecLimits;
import dev.genesis.common.spec.SpecParser;
import dev.genesis.common.spec.SpecValidator;
import dev.genesis.common.state.RunState;
import dev.genesis.queue.config.QueueConfig;
import dev.genesis.queue.scheduling.RunService;
import dev.genesis.queue.store.Db;
import dev.genesis.queue.store.RunPage;
import dev.genesis.queue.store.RunProgress;
import dev.genesis.queue.store.RunStore;
import dev.genesis.queue.store.RunView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The runs API: submit a spec, read runs, cancel, retry and delete. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs")
public class RunResource {

    private static final int MAX_PAGE_SIZE = 500;
    private static final String PREFER = "Prefer";
    private static final String WHOLE_OR_MINIMAL = "the whole run with its tasks; with `Prefer: return=minimal`, "
            + "its row alone (as GET /api/runs/{id}/progress) and `Preference-Applied: return=minimal`";

    private final RunService service;
    private final RunStore runs;
    private final Db db;
    private final QueueConfig config;
    private final SpecValidator validator;

    public RunResource(RunService service, RunStore runs, Db db, QueueConfig config) {
        this.service = service;
        this.runs = runs;
        this.db = db;
        this.config = config;
        this.validator = new SpecValidator(new SpecLimits(config.maxTasks(), config.extraKinds().orElse(Set.of())));
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
    @Operation(summary = "Submit a run spec (JSON or YAML)")
    @APIResponse(responseCode = "201", description = "stored; tasks without dependencies are READY. The answer: "
            + WHOLE_OR_MINIMAL)
    @APIResponse(responseCode = "400", description = "invalid spec; nothing stored")
    @APIResponse(responseCode = "413", description = "body too large")
    public Response submit(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, @HeaderParam(PREFER) List<String> prefer) {
        if ((contentLength != null && contentLength > config.maxBodyBytes())
                || (body != null && body.length > config.maxBodyBytes())) {
            throw ApiProblem.tooLarge(config.maxBodyBytes());
        }
        var spec = SpecParser.parse(body, contentType);
        RunGraph graph = validator.validate(spec);
        UUID id = service.submit(spec.name(), graph);
        return answer(Response.created(URI.create("/api/runs/" + id)), id, prefer);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A run with every task")
    @APIResponse(responseCode = "404", description = "unknown run")
    public RunView get(@PathParam("id") String id) {
        return find(uuid(id));
    }

    @GET
    @Path("/{id}/progress")
    @Operation(summary = "A run's state and how many of its tasks have finished, without its tasks",
            description = "Read from the run's own row: cheap to poll however large the run")
    @APIResponse(responseCode = "404", description = "unknown run")
    public RunProgress progress(@PathParam("id") String id) {
        return row(uuid(id));
    }

    @GET
    @Operation(summary = "Runs, newest first, paged")
    public RunPage list(@QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("50") String size, @QueryParam("state") String state) {
        int p = number("page", page, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int s = number("size", size, 1, MAX_PAGE_SIZE);
        RunState filter = null;
        if (state != null && !state.isBlank()) {
            try {
                filter = RunState.valueOf(state.trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badField("state", "must be one of RUNNING, SUCCEEDED, FAILED, CANCELLED");
            }
        }
        RunState f = filter;
        return db.inTransaction(c -> runs.page(c, f, p, s));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a run")
    @APIResponse(responseCode = "200", description = WHOLE_OR_MINIMAL)
    @APIResponse(responseCode = "409", description = "the run already finished")
    public Response cancel(@PathParam("id") String id, @HeaderParam(PREFER) List<String> prefer) {
        UUID runId = uuid(id);
        service.cancel(runId);
        return answer(Response.ok(), runId, prefer);
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Run failed, skipped and cancelled tasks of a finished run again")
    @APIResponse(responseCode = "200", description = WHOLE_OR_MINIMAL)
    @APIResponse(responseCode = "409", description = "the run is RUNNING or SUCCEEDED")
    public Response retry(@PathParam("id") String id, @HeaderParam(PREFER) List<String> prefer) {
        UUID runId = uuid(id);
        service.retry(runId);
        return answer(Response.ok(), runId, prefer);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a finished run and its tasks",
            description = "Finished runs are also deleted by the queue's retention (genesis.queue.retention, 30 days)")
    @APIResponse(responseCode = "204", description = "deleted; the run and its tasks can no longer be read")
    @APIResponse(responseCode = "404", description = "unknown run (or deleted already)")
    @APIResponse(responseCode = "409", description = "the run is RUNNING: cancel it first")
    public Response delete(@PathParam("id") String id) {
        service.delete(uuid(id));
        return Response.noContent().build();
    }

    /** The run as it is now: whole, or its row alone when the request prefers {@code return=minimal}. */
    private Response answer(Response.ResponseBuilder response, UUID id, List<String> prefer) {
        if (ReturnPreference.minimal(prefer)) {
            return response.entity(row(id)).header(ReturnPreference.APPLIED_HEADER, ReturnPreference.MINIMAL).build();
        }
        return response.entity(find(id)).build();
    }

    private RunProgress row(UUID id) {
        return db.inTransaction(c -> runs.progress(c, id)).orElseThrow(() -> ApiProblem.notFound("no run " + id));
    }

    private RunView find(UUID id) {
        return db.inTransaction(c -> runs.view(c, id)).orElseThrow(() -> ApiProblem.notFound("no run " + id));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badField("id", "must be a UUID");
        }
    }

    private static int number(String field, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiProblem.badField(field, "must be a whole number between " + min + " and " + max);
    }

}
