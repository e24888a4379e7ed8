package dev.genesis.coordinator.changesets;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A task's edits, landing atomically at its end on the versions it read: written as is when the
 * base is current, three-way merged in {@code merge} mode, otherwise a 409 conflict where nothing lands.
 */
@Path("/api/workspace/changesets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChangesetResource {

    private final ChangesetService changesets;

    public ChangesetResource(ChangesetService changesets) {
        this.changesets = changesets;
    }

    @POST
    public ChangesetResult commit(ChangesetBody body) {
        return changesets.commit(ChangesetValidator.validated(body));
    }
}
