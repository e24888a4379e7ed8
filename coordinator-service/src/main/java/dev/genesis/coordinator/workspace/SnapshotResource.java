package dev.genesis.coordinator.workspace;

import dev.genesis.common.api.FieldError;
import dev.genesis.coordinator.api.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** Capture the workspace under a name, list captures, restore one. */
@Path("/api/snapshots")
@Produces(MediaType.APPLICATION_JSON)
public class SnapshotResource {

    /** Body of a snapshot request. */
    public record CreateBody(String name) {
    }

    /** What a rollback did. */
    public record RollbackResult(long snapshotId, int changedFiles) {
    }

    private final SnapshotStore snapshots;

    public SnapshotResource(SnapshotStore snapshots) {
        this.snapshots = snapshots;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateBody body) {
        if (body == null || body.name() == null || body.name().isBlank() || body.name().length() > 200) {
            throw ProblemException.badRequest("invalid snapshot",
                    List.of(new FieldError("name", "must be 1 to 200 characters")));
        }
        Snapshot snapshot = snapshots.create(body.name().strip());
        return Response.created(URI.create("/api/snapshots/" + snapshot.id())).entity(snapshot).build();
    }

    /**
     * Snapshots newest first, {@code limit} at most (default 100, at most 1,000); {@code before}
     * pages on: only snapshots older than that id (a changeset takes one, so there are many).
     */
    @GET
    public List<Snapshot> list(@QueryParam("limit") @DefaultValue("100") String limit,
            @QueryParam("before") String before) {
        return snapshots.list((int) positive("limit", limit, SnapshotStore.MAX_PAGE,
                "must be a whole number from 1 to " + SnapshotStore.MAX_PAGE),
                before == null ? null : positive("before", before, Long.MAX_VALUE, "must be a snapshot id"));
    }

    @GET
    @Path("/{id}")
    public Snapshot get(@PathParam("id") long id) {
        return snapshots.find(id).orElseThrow(() -> ProblemException.notFound("no snapshot " + id));
    }

    private static long positive(String field, String value, long max, String reason) {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the problem below says what is wanted
        }
        throw ProblemException.badRequest("invalid " + field,
                List.of(new FieldError(field, reason)));
    }

    /** Which paths were added, removed or changed from snapshot {@code a} to snapshot {@code b}. */
    @GET
    @Path("/{a}/diff/{b}")
    public SnapshotDiff diff(@PathParam("a") long a, @PathParam("b") long b) {
        return snapshots.diff(a, b).orElseThrow(() -> ProblemException.notFound("no snapshot " + a + " or " + b));
    }

    @POST
    @Path("/{id}/rollback")
    @Consumes(MediaType.WILDCARD)
    public RollbackResult rollback(@PathParam("id") long id) {
        return snapshots.rollback(id).map(n -> new RollbackResult(id, n))
                .orElseThrow(() -> ProblemException.notFound("no snapshot " + id));
    }
}
