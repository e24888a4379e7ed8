package dev.genesis.dashboard.coordinator;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** The part of coordinator-service's REST API the dashboard reads. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface CoordinatorApi {

    /** A live lease; {@code acquiredAt} is null from a coordinator that does not record it. */
    record Lease(String leaseId, long token, String owner, String holder, List<String> writes, List<String> reads,
            String mode, Instant expiresAt, Instant acquiredAt) {
    }

    /** An acquire request the coordinator is still working on. */
    record Waiting(String owner, String holder, List<String> writes, List<String> reads, String mode,
            Instant since) {
    }

    /** A stored conflict, without its contents. */
    record Conflict(long id, String kind, String runId, String taskId, Integer attempt, String holder, String path,
            Integer baseVersion, int currentVersion, Instant createdAt) {
    }

    @GET
    @Path("/locks")
    List<Lease> locks();

    @GET
    @Path("/locks/waiting")
    List<Waiting> waiting();

    /** Newest first. */
    @GET
    @Path("/conflicts")
    List<Conflict> conflicts(@QueryParam("limit") int limit);

    /** One conflict with its base, ours and theirs contents, as the coordinator's JSON. */
    @GET
    @Path("/conflicts/{id}")
    String conflict(@PathParam("id") long id);
}
