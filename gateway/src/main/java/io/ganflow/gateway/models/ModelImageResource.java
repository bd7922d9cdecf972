package io.ganflow.gateway.models;

import io.ganflow.events.AliasMove;
import io.ganflow.events.Catalog;
import io.ganflow.events.ImageRequestLimits;
import io.ganflow.events.LabelledImages;
import io.ganflow.events.ModelVersion;
import io.ganflow.gateway.http.ResourceId;
import io.ganflow.gateway.http.WholeNumber;
import io.ganflow.gateway.images.ImageResource;
import io.ganflow.gateway.openapi.ApiDocument;
import io.ganflow.gateway.openapi.ProblemResponses;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Images by model name: the version an alias points to answers, as its run's checkpoint would. A client names the
 * model and the alias, never a run or a step, and follows every promotion and rollback.
 */
@Path("/api/v1/models/{name}")
@Tag(name = ApiDocument.MODELS)
@Produces({"image/png", "application/zip", MediaType.APPLICATION_JSON, "application/problem+json"})
public class ModelImageResource {

    private final ModelAliases aliases;
    private final ImageResource images;

    public ModelImageResource(ModelAliases aliases, ImageResource images) {
        this.aliases = aliases;
        this.images = images;
    }

    @GET
    @Path("/images")
    @Blocking
    @Operation(
            operationId = "getModelImages",
            summary = "Images of one class (or every class in turn) from the version an alias points to",
            description = "As getImages, answered by the alias' version; X-Model, X-Model-Version, X-Run-Id and "
                    + "X-Checkpoint-Step say which; the ETag changes with the version.")
    @APIResponse(
            responseCode = "200",
            description = "The images, as Accept asked: a PNG, a ZIP or JSON, as getImages gives them",
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
            @PathParam("name") @ResourceId String name,
            @QueryParam("alias") @DefaultValue(AliasMove.PRODUCTION) @ResourceId String alias,
            @QueryParam("class") @WholeNumber(min = 0, max = Catalog.CONDITIONAL_CLASSES - 1) Integer classId,
            @QueryParam("count") @DefaultValue("8") @WholeNumber(min = 1, max = ImageRequestLimits.MAX_IMAGES)
                    int count,
            @QueryParam("seed") @DefaultValue("0") long seed,
            @HeaderParam("Accept") String accept,
            @Context HttpHeaders headers) {
        ModelVersion version = aliases.resolve(name, alias);
        Response answer =
                images.images(version.runId(), classId, count, seed, String.valueOf(version.step()), accept, headers);
        return named(answer, version);
    }

    @GET
    @Path("/grid")
    @Blocking
    @Produces({"image/png", "application/problem+json"})
    @Operation(
            operationId = "getModelGrid",
            summary = "The sample grid (one row per class) of the version an alias points to",
            description = "As getGrid, answered by the alias' version; X-Model, X-Model-Version, X-Run-Id and "
                    + "X-Checkpoint-Step say which; the ETag changes with the version.")
    @APIResponse(
            responseCode = "200",
            description = "A PNG",
            content = @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = "The client's copy (If-None-Match) is still the one")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "429", ref = ProblemResponses.TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public Response grid(
            @PathParam("name") @ResourceId String name,
            @QueryParam("alias") @DefaultValue(AliasMove.PRODUCTION) @ResourceId String alias,
            @QueryParam("seed") @DefaultValue("0") long seed,
            @QueryParam("columns") @DefaultValue("10") @WholeNumber(min = 1, max = ImageRequestLimits.MAX_GRID_COLUMNS)
                    int columns,
            @Context HttpHeaders headers) {
        ModelVersion version = aliases.resolve(name, alias);
        return named(images.grid(version.runId(), seed, columns, String.valueOf(version.step()), headers), version);
    }

    private static Response named(Response answer, ModelVersion version) {
        Response.ResponseBuilder named = Response.fromResponse(answer)
                .header("X-Model", version.model())
                .header("X-Model-Version", version.number());
        if (answer.getStatus() == 200 || answer.getStatus() == 304) {
            // the address names an alias, which moves: a client checks again (its ETag carries the version), never
            // keeps it as the run's fixed step would be kept
            named.header("Cache-Control", null).header("Cache-Control", "private, no-cache");
        }
        EntityTag tag = answer.getEntityTag();
        if (tag != null) {
            named.tag(new EntityTag("v" + version.number() + "-" + tag.getValue()));
        }
        return named.build();
    }
}
