package dev.genesis.coordinator.conflicts;

import dev.genesis.common.api.FieldError;
import dev.genesis.coordinator.api.ProblemException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Conflicts that kept edits from landing: what was wanted, what was there, what both started from. */
@Path("/api/conflicts")
@Produces(MediaType.APPLICATION_JSON)
public class ConflictResource {

    private static final int MAX_LIMIT = 1000;

    private final ConflictStore conflicts;

    public ConflictResource(ConflictStore conflicts) {
        this.conflicts = conflicts;
    }

    /** Newest first; {@code runId} keeps one run's conflicts only. */
    @GET
    public List<Conflict> list(@QueryParam("runId") String runId, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("invalid limit",
                    List.of(new FieldError("limit", "must be between 1 and " + MAX_LIMIT)));
        }
        return conflicts.list(runId == null || runId.isBlank() ? null : runId, limit);
    }

    @GET
    @Path("/{id}")
    public ConflictDetail get(@PathParam("id") long id) {
        return conflicts.get(id).orElseThrow(() -> ProblemException.notFound("no conflict " + id));
    }
}
