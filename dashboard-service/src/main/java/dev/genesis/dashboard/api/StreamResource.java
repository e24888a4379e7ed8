package dev.genesis.dashboard.api;

import dev.genesis.dashboard.board.Delta;
import dev.genesis.dashboard.stream.DeltaStream;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Live updates as server-sent events: one JSON {@link Delta} per event. */
@Path("/api/stream")
public class StreamResource {

    private final DeltaStream stream;

    public StreamResource(DeltaStream stream) {
        this.stream = stream;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<Delta> stream() {
        return stream.subscribe();
    }
}
