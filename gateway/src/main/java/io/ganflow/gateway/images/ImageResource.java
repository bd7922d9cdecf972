package io.ganflow.gateway.images;

import io.ganflow.events.Catalog;
import io.ganflow.events.ImageRequestLimits;
import io.ganflow.events.LabelledImages;
import io.ganflow.gateway.http.ResourceId;
import io.ganflow.gateway.http.StepOrBest;
import io.ganflow.gateway.http.WholeNumber;
import io.ganflow.gateway.limits.GenerationLimits;
import io.ganflow.gateway.openapi.ApiDocument;
import io.ganflow.gateway.openapi.ProblemResponses;
import io.ganflow.gateway.quality.CheckpointQualities;
import io.ganflow.gateway.security.ApiKeys;
import io.ganflow.gateway.upstream.Upstream;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Generated images, from the sampler; each response says which run and checkpoint step produced it. */
@Path("/api/v1/runs/{runId}")
@Tag(name = ApiDocument.IMAGES)
@Produces({"image/png", "application/problem+json"})
public class ImageResource {

    private static final List<String> PASSED_HEADERS =
            List.of("X-Run-Id", "X-Checkpoint-Step", "ETag", "Content-Disposition", "Retry-After");

    private final SamplerClient sampler;
    private final GenerationLimits limits;
    private final CheckpointQualities qualities;

    public ImageResource(@RestClient SamplerClient sampler, GenerationLimits limits, CheckpointQualities qualities) {
        this.sampler = sampler;
        this.limits = limits;
        this.qualities = qualities;
    }

    @GET
    @Path("/grid")
    @Blocking
    @Operation(operationId = "getGrid", summary = "The latest checkpoint's sample grid: one row per class")
    @APIResponse(
            responseCode = "200",
            description = "A PNG; X-Run-Id and X-Checkpoint-Step say what made it",
            content = @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = "The client's copy (If-None-Match) is still the one")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "429", ref = ProblemResponses.TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public Response grid(
            @PathParam("runId") @ResourceId String runId,
            @QueryParam("seed") @DefaultValue("0") long seed,
            @QueryParam("columns") @DefaultValue("10") @WholeNumber(min = 1, max = ImageRequestLimits.MAX_GRID_COLUMNS)
                    int columns,
            @Parameter(description = "a checkpoint step, or 'best' (lowest FCD); the latest when absent")
                    @QueryParam("step")
                    @StepOrBest
                    String stepOrBest,
            @Context HttpHeaders headers) {
        Long step = qualities.resolve(runId, stepOrBest);
        int images = Catalog.CONDITIONAL_CLASSES * Math.max(1, Math.min(columns, ImageRequestLimits.MAX_GRID_COLUMNS));
        return charged(
                headers,
                images,
                fixed(stepOrBest),
                () -> sampler.grid(runId, seed, columns, step, headers.getHeaderString("If-None-Match")));
    }

    @GET
    @Path("/images")
    @Blocking
    @Produces({"image/png", "application/zip", MediaType.APPLICATION_JSON, "application/problem+json"})
    @Operation(
            operationId = "getImages",
            summary = "Generated images of one class, or of every class in turn without one",
            description = "Accept: image/png (default) gives one PNG of the images in rows; application/zip a ZIP of "
                    + "one PNG per image with labels.csv (file,label); application/json the run, checkpoint step, "
                    + "seed and each image as base64 PNG with its label. Classes of Fashion-MNIST: 0 T-shirt/top, "
                    + "1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot.")
    @APIResponse(
            responseCode = "200",
            description = "The images, as Accept asked; X-Run-Id and X-Checkpoint-Step say what made them",
            content = {
                @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = LabelledImages.class))
            })
    @APIResponse(responseCode = "304", description = "The client's copy (If-None-Match) is still the one")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "429", ref = ProblemResponses.TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public Response images(
            @PathParam("runId") @ResourceId String runId,
            @QueryParam("class") @WholeNumber(min = 0, max = Catalog.CONDITIONAL_CLASSES - 1) Integer classId,
            @QueryParam("count") @DefaultValue("8") @WholeNumber(min = 1, max = ImageRequestLimits.MAX_IMAGES)
                    int count,
            @QueryParam("seed") @DefaultValue("0") long seed,
            @Parameter(description = "a checkpoint step, or 'best' (lowest FCD); the latest when absent")
                    @QueryParam("step")
                    @StepOrBest
                    String stepOrBest,
            @HeaderParam("Accept") String accept,
            @Context HttpHeaders headers) {
        Long step = qualities.resolve(runId, stepOrBest);

        String wanted = accept == null || accept.isBlank() || accept.contains("*/*") ? "image/png" : accept;
        int chosenClass = classId == null ? (wanted.startsWith("image/") ? 0 : -1) : classId;
        return charged(
                headers,
                Math.max(1, Math.min(count, ImageRequestLimits.MAX_IMAGES)),
                fixed(stepOrBest),
                () -> sampler.images(
                        runId, chosenClass, count, seed, step, wanted, headers.getHeaderString("If-None-Match")));
    }

    /**
     * Relays a generation, counted against the client's allowance unless the client already had the images. The
     * images are behind a key, so only the client's own browser may keep them: for good when they come from a
     * checkpoint step it named, otherwise checked again each time (its ETag changes with the latest checkpoint).
     */
    /** Whether the request named one checkpoint for good (a step number, not the latest nor the best). */
    private static boolean fixed(String stepOrBest) {
        return stepOrBest != null && !CheckpointQualities.BEST.equals(stepOrBest);
    }

    private Response charged(HttpHeaders headers, int images, boolean fixedStep, Supplier<Response> call) {
        String client = ApiKeys.clientOf(headers);
        limits.take(client, images);
        Response response = relay(call);
        if (response.getStatus() == Response.Status.NOT_MODIFIED.getStatusCode()) {
            limits.giveBack(client, images);
        }
        boolean generated = response.getStatus() == 200 || response.getStatus() == 304;
        return Response.fromResponse(response)
                .header(
                        "Cache-Control",
                        !generated
                                ? "no-store" // a refusal (no such step yet, busy) must not be kept
                                : fixedStep ? "private, max-age=31536000, immutable" : "private, no-cache")
                .build();
    }

    private static Response relay(Supplier<Response> call) {
        return Upstream.relay("sampler-service", call, PASSED_HEADERS);
    }
}
