package dev.genesis.dashboard.bootstrap;

import dev.genesis.dashboard.board.RunSnapshot;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** The part of queue-service's REST API the dashboard reads. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
public interface QueueApi {

    /** One page of runs, newest first. */
    record RunPage(List<RunSnapshot> items) {
    }

    @GET
    RunPage list(@QueryParam("size") int size);

    @GET
    @Path("/{id}")
    RunSnapshot get(@PathParam("id") UUID id);
}
