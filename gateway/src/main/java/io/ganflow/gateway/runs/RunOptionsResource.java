package io.ganflow.gateway.runs;

import io.ganflow.gateway.openapi.ApiDocument;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What a run may be started with, for forms. Not under {@code /runs/}: any name there may be a run's id.
 */
@Path("/api/v1/run-options")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.RUNS)
public class RunOptionsResource {

    @GET
    @Operation(
            operationId = "getRunOptions",
            summary = "What a run may be started with",
            description = "Each model family with the spec a start naming only it gets, and the range of every "
                    + "number in a run spec: the rule the start itself checks.")
    @APIResponse(
            responseCode = "200",
            description = "The model families and limits",
            content = @Content(schema = @Schema(implementation = RunOptions.class)))
    public RunOptions options() {
        return RunOptions.current();
    }
}
