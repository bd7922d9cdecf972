package io.ganflow.gateway.runs;

import io.ganflow.events.TrainingMetrics;
import io.ganflow.gateway.http.ResourceId;
import io.ganflow.gateway.limits.StreamSlots;
import io.ganflow.gateway.openapi.ApiDocument;
import io.ganflow.gateway.openapi.ProblemResponses;
import io.ganflow.gateway.security.ApiKeys;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A run's training curves: the points so far, and everything that happens to the run as Server-Sent Events. */
@Path("/api/v1/runs/{runId}")
@Tag(name = ApiDocument.RUNS)
public class RunEventResource {

    private final RunDirectory directory;
    private final RunEvents events;
    private final StreamSlots slots;

    public RunEventResource(RunDirectory directory, RunEvents events, StreamSlots slots) {
        this.directory = directory;
        this.events = events;
        this.slots = slots;
    }

    @GET
    @Path("/metrics")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getRunMetrics",
            summary = "The run's latest metrics points (loss_D, loss_G, D(x), D(G(z)), img/s), oldest first")
    @APIResponse(responseCode = "200", description = "The points, oldest first")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public List<TrainingMetrics> metrics(@PathParam("runId") @ResourceId String runId) {
        directory.require(runId);
        return events.history(runId);
    }

    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(
            operationId = "streamRunEvents",
            summary = "Live events of the run (Server-Sent Events)",
            description = "Events named metrics (TrainingMetrics), checkpoint (CheckpointEvent) and status "
                    + "(RunStatus), each with its JSON as data; a comment every 15 s keeps proxies from closing it. "
                    + "A key holds a few streams at once (GAN_EVENT_STREAMS_PER_KEY); past them, 429.")
    @APIResponse(
            responseCode = "200",
            description = "The stream, open until the client closes it",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "429", ref = ProblemResponses.TOO_MANY_REQUESTS)
    public Multi<OutboundSseEvent> events(
            @PathParam("runId") @ResourceId String runId, @Context Sse sse, @Context HttpHeaders headers) {
        directory.require(runId);
        return EventStream.of(events.of(runId), sse, ApiKeys.clientOf(headers), slots);
    }
}
