package io.ganflow.gateway.runs;

import io.ganflow.events.RunSpec;
import io.ganflow.gateway.http.ResourceId;
import io.ganflow.gateway.openapi.ApiDocument;
import io.ganflow.gateway.openapi.ProblemResponses;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.RUNS)
public class RunResource {

    private final RunDirectory directory;
    private final RunLauncher launcher;

    public RunResource(RunDirectory directory, RunLauncher launcher) {
        this.directory = directory;
        this.launcher = launcher;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(
            operationId = "startRun",
            summary = "Start a training run",
            description = "Validates the run, records it, and asks the trainers to "
                    + "start it. Nothing is published when the run is invalid.")
    @APIResponse(
            responseCode = "201",
            description = "Recorded and handed to the trainers (state PENDING); Location is the run's address",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public Response start(StartRunRequest request) {
        RunSpec spec = (request == null
                        ? new StartRunRequest(
                                null, null, null, null, null, null, null, null, null, null, null, null, null)
                        : request)
                .toSpec("cgan-" + UUID.randomUUID().toString().substring(0, 8));
        RunView started = launcher.start(spec);
        return Response.created(URI.create("/api/v1/runs/" + spec.runId()))
                .entity(started)
                .build();
    }

    @POST
    @Path("/{runId}/stop")
    @Blocking
    @Operation(
            operationId = "stopRun",
            summary = "Stop a run",
            description = "Records the stop in the store (no trainer continues or takes up the run again) and tells "
                    + "the trainers; the one training it writes a last checkpoint, which stays servable.")
    @APIResponse(
            responseCode = "202",
            description = "Stopped (state STOPPED); the trainer's last checkpoint follows",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public Response stop(@PathParam("runId") @ResourceId String runId) {
        return Response.accepted(launcher.stop(runId, "stopped by a user")).build();
    }

    @GET
    @Operation(operationId = "listRuns", summary = "All runs, newest first, with status and latest step")
    public List<RunView> list() {
        return directory.list();
    }

    @GET
    @Path("/{runId}")
    @Operation(operationId = "getRun", summary = "One run")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public RunView get(@PathParam("runId") @ResourceId String runId) {
        return directory.require(runId);
    }
}
