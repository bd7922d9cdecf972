package io.ganflow.gateway.checkpoints;

import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.CheckpointParts;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.MalformedEventException;
import io.ganflow.gateway.http.ResourceId;
import io.ganflow.gateway.http.StepOrBest;
import io.ganflow.gateway.http.WholeNumber;
import io.ganflow.gateway.openapi.ApiDocument;
import io.ganflow.gateway.openapi.ProblemResponses;
import io.ganflow.gateway.problems.ProblemException;
import io.ganflow.gateway.quality.CheckpointQualities;
import io.ganflow.store.CheckpointStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A run's checkpoints and the fixed-noise sample grid stored with each, straight from the object store. */
@Path("/api/v1/runs/{runId}/checkpoints")
@Tag(name = ApiDocument.RUNS)
public class CheckpointResource {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    private final CheckpointStore checkpoints;
    private final CheckpointQualities qualities;

    public CheckpointResource(CheckpointStore checkpoints, CheckpointQualities qualities) {
        this.checkpoints = checkpoints;
        this.qualities = qualities;
    }

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "listCheckpoints",
            summary = "The run's checkpoints, oldest first; each with the URL of its fixed-noise sample grid",
            description = "In pages: those after step 'after' (default: from the first), at most 'limit' (default "
                    + DEFAULT_PAGE + ", at most " + MAX_PAGE
                    + "). When more follow, a Link header (rel=next) gives the next page.")
    @APIResponse(
            responseCode = "200",
            description = "One page of checkpoints (empty for a run without any)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CheckpointView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public Response list(
            @PathParam("runId") @ResourceId String runId,
            @QueryParam("after") @DefaultValue("-1") @WholeNumber(min = -1, max = CheckpointManifest.MAX_STEP)
                    long after,
            @QueryParam("limit") @DefaultValue("" + DEFAULT_PAGE) @WholeNumber(min = 1, max = MAX_PAGE) int limit) {
        CheckpointStore.Page page = checkpoints.page(runId, after, limit);
        List<CheckpointQuality> measured = qualities.of(runId);
        Map<Long, CheckpointQuality> byStep =
                measured.stream().collect(Collectors.toMap(CheckpointQuality::step, q -> q, (a, b) -> b));
        long best = qualities.best(runId, measured).map(CheckpointQuality::step).orElse(-1L);
        List<CheckpointView> views = page.manifests().stream()
                .map(m -> new CheckpointView(
                        m.step(),
                        m.epoch(),
                        m.createdMillis(),
                        "/api/v1/runs/" + runId + "/checkpoints/" + m.step() + "/samples.png",
                        byStep.get(m.step()),
                        m.step() == best))
                .toList();
        Response.ResponseBuilder response = Response.ok(views);
        if (page.more() && !views.isEmpty()) {
            long last = views.get(views.size() - 1).step();
            response.header(
                    "Link",
                    "</api/v1/runs/" + runId + "/checkpoints?after=" + last + "&limit=" + limit + ">; rel=\"next\"");
        }
        return response.build();
    }

    @GET
    @Path("/{step}/samples.png")
    @Blocking
    @Produces({"image/png", "application/problem+json"})
    @Tag(name = ApiDocument.IMAGES)
    @Operation(
            operationId = "getCheckpointSamples",
            summary = "The fixed-noise sample grid of one checkpoint (rows = classes for conditional models)",
            description = "step: a checkpoint's step, or 'best' for the stored checkpoint with the lowest FCD")
    @APIResponse(
            responseCode = "200",
            description = "A PNG",
            content = @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public Response samples(
            @PathParam("runId") @ResourceId String runId, @PathParam("step") @StepOrBest String stepOrBest) {
        long step = qualities.resolve(runId, stepOrBest);
        CheckpointManifest manifest;
        try {
            manifest = checkpoints.readManifest(CheckpointManifest.key(runId, step));
        } catch (MalformedEventException e) {
            throw new ProblemException(
                    404, "No such checkpoint", "run " + runId + " has no checkpoint at step " + step);
        }
        byte[] png = checkpoints.readPart(manifest, CheckpointParts.SAMPLES);
        return Response.ok(png, "image/png")
                .header("X-Run-Id", runId)
                .header("X-Checkpoint-Step", step)
                // behind a key: browsers may keep it, shared caches may not
                .header(
                        "Cache-Control",
                        CheckpointQualities.BEST.equals(stepOrBest)
                                ? "private, no-cache" // the best may change as training goes on
                                : "private, max-age=31536000, immutable")
                .build();
    }
}
