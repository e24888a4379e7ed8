package dev.genesis.coordinator.bus;

import dev.genesis.common.api.FieldError;
import dev.genesis.common.events.BusMessage;
import dev.genesis.common.events.EventCodec;
import dev.genesis.coordinator.api.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The inter-agent bus: post a message to a channel, or follow a channel as server-sent events. */
@Path("/api/bus/{channel}")
public class BusResource {

    static final String SOURCE = "/genesis/coordinator";
    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final MutinyEmitter<String> out;
    private final BusFeed feed;
    private final EventCodec codec = new EventCodec(SOURCE);

    public BusResource(@Channel("bus-out") MutinyEmitter<String> out, BusFeed feed) {
        this.out = out;
        this.feed = feed;
    }

    /** Publishes the body as one message; answers 202 once Kafka has it. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("channel") String channel, @QueryParam("runId") String runId,
            @HeaderParam("X-Genesis-Sender") String sender, @HeaderParam("X-Genesis-Reply-To") String replyTo,
            @HeaderParam("X-Genesis-Correlation-Id") String correlationId, String body) {
        BusMessage message = new BusMessage(checked(channel), runId(runId), sender, body == null ? "" : body,
                replyTo, correlationId, Instant.now());
        out.sendMessageAndAwait(Message.of(codec.encode(message)).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(message.key()).build()));
        return Response.accepted(message).build();
    }

    /** The messages posted to the channel from now on. */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<BusMessage> follow(@PathParam("channel") String channel) {
        return feed.channel(checked(channel));
    }

    private static String checked(String channel) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw ProblemException.badRequest("invalid channel",
                    List.of(new FieldError("channel", "must match " + CHANNEL.pattern())));
        }
        return channel;
    }

    private static UUID runId(String runId) {
        if (runId == null || runId.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(runId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid runId", List.of(new FieldError("runId", "must be a UUID")));
        }
    }
}
