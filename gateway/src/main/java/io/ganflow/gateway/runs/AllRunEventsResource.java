package io.ganflow.gateway.runs;

import io.ganflow.gateway.limits.StreamSlots;
import io.ganflow.gateway.openapi.ApiDocument;
import io.ganflow.gateway.openapi.ProblemResponses;
import io.ganflow.gateway.security.ApiKeys;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Every run's events in one stream: a page that follows many runs (the web UI's runs table and comparison) holds
 * one connection, where a stream per run would pass a browser's six connections per host.
 */
@Path("/api/v1/events")
@Tag(name = ApiDocument.RUNS)
public class AllRunEventsResource {

    private final RunEvents events;
    private final StreamSlots slots;

    public AllRunEventsResource(RunEvents events, StreamSlots slots) {
        this.events = events;
        this.slots = slots;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(
            operationId = "streamAllRunEvents",
            summary = "Live events of every run (Server-Sent Events)",
            description = "The events of streamRunEvents (metrics, checkpoint, quality, status) of all runs; each "
                    + "event's JSON names its runId. Takes one of the key's streams like streamRunEvents.")
    @APIResponse(
            responseCode = "200",
            description = "The stream, open until the client closes it",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "429", ref = ProblemResponses.TOO_MANY_REQUESTS)
    public Multi<OutboundSseEvent> events(@Context Sse sse, @Context HttpHeaders headers) {
        return EventStream.of(events.all(), sse, ApiKeys.clientOf(headers), slots);
    }
}
