package dev.genesis.coordinator.changesets;

import dev.genesis.coordinator.api.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Undo the workspace changes of one run (see {@link RunRollback}). */
@Path("/api/workspace/runs/{runId}/rollback")
@Produces(MediaType.APPLICATION_JSON)
public class RunRollbackResource {

    private final RunRollback rollback;

    public RunRollbackResource(RunRollback rollback) {
        this.rollback = rollback;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public RunRollbackResult rollback(@PathParam("runId") String runId) {
        return rollback.rollback(runId)
                .orElseThrow(() -> ProblemException.notFound("run " + runId + " committed no changes"));
    }
}
