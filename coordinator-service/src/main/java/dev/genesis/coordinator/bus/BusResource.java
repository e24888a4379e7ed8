package dev.genesis.coordinator.bus;

import dev.genesis.common.api.FieldError;
import dev.genesis.common.events.BusMessage;
import dev.genesis.common.events.EventCodec;
import dev.genesis.coordinator.api.ProblemException;
import dev.genesis.coordinator.config.CoordinatorConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The inter-agent bus: post a message to a channel, ask and await a reply, or follow a channel as server-sent events. */
@Path("/api/bus/{channel}")
public class BusResource {

    static final String SOURCE = "/genesis/coordinator";
    public static final String CORRELATION_HEADER = "X-Genesis-Correlation-Id";
    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final MutinyEmitter<String> out;
    private final BusFeed feed;
    private final CoordinatorConfig config;
    private final EventCodec codec = new EventCodec(SOURCE);

    public BusResource(@Channel("bus-out") MutinyEmitter<String> out, BusFeed feed, CoordinatorConfig config) {
        this.out = out;
        this.feed = feed;
        this.config = config;
    }

    /** Publishes the body as one message; answers 202 once Kafka has it. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("channel") String channel, @QueryParam("runId") String runId,
            @HeaderParam("X-Genesis-Sender") String sender, @HeaderParam("X-Genesis-Reply-To") String replyTo,
            @HeaderParam(CORRELATION_HEADER) String correlationId, String body) {
        BusMessage message = new BusMessage(checked(channel), runId(runId), sender, body == null ? "" : body,
                replyTo, correlationId, Instant.now());
        out.sendMessageAndAwait(record(message));
        return Response.accepted(message).build();
    }

    private Message<String> record(BusMessage message) {
        return Message.of(codec.encode(message)).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(message.key()).build());
    }

    /**
     * Publishes the body as a request with a fresh reply channel and correlation id, and answers
     * the body of the first reply (200), or 504 when none comes within {@code timeoutMs}. A responder
     * replies with {@code POST /api/bus/{replyTo}} and header {@code X-Genesis-Correlation-Id}.
     */
    @POST
    @Path("/request")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    public Uni<Response> request(@PathParam("channel") String channel, @QueryParam("runId") String runId,
            @QueryParam("timeoutMs") @DefaultValue("5000") long timeoutMs,
            @HeaderParam("X-Genesis-Sender") String sender, String body) {
        if (timeoutMs < 1 || timeoutMs > config.maxWait().toMillis()) {
            throw ProblemException.badRequest("invalid timeoutMs",
                    List.of(new FieldError("timeoutMs", "must be between 1 and " + config.maxWait().toMillis())));
        }
        String correlationId = UUID.randomUUID().toString();
        BusMessage request = new BusMessage(checked(channel), runId(runId), sender, body == null ? "" : body,
                "reply-" + correlationId, correlationId, Instant.now());
        // Listen before sending, so that even an instant reply cannot pass by unseen.
        CompletableFuture<BusMessage> reply = new CompletableFuture<>();
        Cancellable listening = feed.channel(request.replyTo())
                .filter(m -> correlationId.equals(m.correlationId()))
                .subscribe().with(reply::complete);
        return out.sendMessage(record(request))
                .chain(() -> Uni.createFrom().completionStage(reply))
                .ifNoItem().after(Duration.ofMillis(timeoutMs)).failWith(() -> new ProblemException(504,
                        "No reply", "no reply on " + request.replyTo() + " within " + timeoutMs + " ms"))
                .onTermination().invoke(listening::cancel)
                .map(answer -> {
                    Response.ResponseBuilder ok = Response.ok(answer.body(), MediaType.TEXT_PLAIN_TYPE)
                            .header(CORRELATION_HEADER, correlationId);
                    return (answer.sender() == null ? ok : ok.header("X-Genesis-Sender", answer.sender())).build();
                });
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
