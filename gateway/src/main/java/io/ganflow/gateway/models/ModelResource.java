package io.ganflow.gateway.models;

import io.ganflow.events.AliasMove;
import io.ganflow.events.ModelVersion;
import io.ganflow.events.PromotionPolicy;
import io.ganflow.events.RegisteredModel;
import io.ganflow.gateway.http.ResourceId;
import io.ganflow.gateway.http.StepOrBest;
import io.ganflow.gateway.http.WholeNumber;
import io.ganflow.gateway.openapi.ApiDocument;
import io.ganflow.gateway.openapi.ProblemResponses;
import io.ganflow.gateway.problems.ProblemException;
import io.ganflow.gateway.security.ApiKeys;
import io.ganflow.store.ModelRegistryStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Registered models by name: register one, add versions, move and read its aliases. */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.MODELS)
@Blocking
public class ModelResource {

    private final ModelRegistry models;
    private final ModelRegistryStore store;

    public ModelResource(ModelRegistry models, ModelRegistryStore store) {
        this.models = models;
        this.store = store;
    }

    /**
     * @param family the model family its versions are checkpoints of, e.g. cgan-fashion-mnist
     * @param policy when new checkpoints are promoted to aliases by their figures; none: only operators move them
     */
    public record RegisterModel(
            @NotNull String dataset, @NotNull String family, PromotionPolicy policy) {}

    /** @param step a checkpoint step, or "best" (lowest FCD); the best when absent */
    public record AddVersion(
            @NotNull @ResourceId String runId, @StepOrBest String step) {}

    /** @param reason why, for the alias' history */
    public record MoveAlias(@NotNull Integer version, String reason) {}

    /** A model with its versions (oldest first) and where each alias points. */
    public record ModelView(RegisteredModel model, List<ModelVersion> versions, Map<String, AliasMove> aliases) {}

    @GET
    @Operation(operationId = "listModels", summary = "Every registered model")
    public List<RegisteredModel> list() {
        return store.models();
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "registerModel",
            summary = "Register a model name for a data set and a GAN family",
            description = "The same data set and family again sets the promotion policy; another data set or family is "
                    + "a 409. A policy: rules tried in order, each moving its alias to a new checkpoint whose figures "
                    + "meet all its conditions (figure accuracy, fcd, precision or recall; atLeast, atMost, or beats an "
                    + "alias' version).")
    @APIResponse(
            responseCode = "200",
            description = "Registered",
            content = @Content(schema = @Schema(implementation = RegisteredModel.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public RegisteredModel register(@PathParam("name") @ResourceId String name, @Valid @NotNull RegisterModel body) {
        return models.register(name, body.dataset(), body.family(), body.policy());
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getModel", summary = "A model, its versions with their figures, and its aliases")
    @APIResponse(
            responseCode = "200",
            description = "The model",
            content = @Content(schema = @Schema(implementation = ModelView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public ModelView get(@PathParam("name") @ResourceId String name) {
        return new ModelView(models.require(name), store.versions(name), store.aliases(name));
    }

    @POST
    @Path("/{name}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "addModelVersion",
            summary = "Add a run's checkpoint as the model's next version",
            description = "The checkpoint is kept (retention does not delete it) while it is registered.")
    @APIResponse(
            responseCode = "201",
            description = "The new version, with the checkpoint's figures and where it came from",
            content = @Content(schema = @Schema(implementation = ModelVersion.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Response addVersion(@PathParam("name") @ResourceId String name, @Valid @NotNull AddVersion body) {
        ModelVersion version = models.addVersion(name, body.runId(), body.step());
        return Response.status(201).entity(version).build();
    }

    @DELETE
    @Path("/{name}/versions/{number}")
    @Operation(
            operationId = "unregisterModelVersion",
            summary = "Unregister a version",
            description = "Its checkpoint is no longer kept against retention, and no alias may move to it; its "
                    + "number is never given to another version. A version an alias points to is a 409: move the "
                    + "alias first. Asking again is harmless.")
    @APIResponse(
            responseCode = "200",
            description = "The version, with when it was unregistered",
            content = @Content(schema = @Schema(implementation = ModelVersion.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public ModelVersion unregister(
            @PathParam("name") @ResourceId String name,
            @PathParam("number") @WholeNumber(min = 1, max = Integer.MAX_VALUE) Integer number) {
        return models.unregister(name, number);
    }

    @PUT
    @Path("/{name}/aliases/{alias}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "moveAlias",
            summary = "Point an alias (production, staging, any name) at a version",
            description = "Send the alias' ETag in If-Match: if it moved since, or another move got there first, "
                    + "412. Without If-Match the move is made whatever the alias points at. Rollback is a move back.")
    @APIResponse(
            responseCode = "200",
            description = "The move; ETag is the alias' new move number",
            content = @Content(schema = @Schema(implementation = AliasMove.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    public Response move(
            @PathParam("name") @ResourceId String name,
            @PathParam("alias") @ResourceId String alias,
            @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull MoveAlias body,
            @Context HttpHeaders headers) {
        AliasMove move = models.move(
                name,
                alias,
                body.version(),
                expectedMove(ifMatch),
                "operator " + ApiKeys.clientOf(headers),
                body.reason());
        return Response.ok(move).tag(etag(move)).build();
    }

    @GET
    @Path("/{name}/aliases/{alias}")
    @Operation(operationId = "getAlias", summary = "Where the alias points; ETag for If-Match")
    @APIResponse(
            responseCode = "200",
            description = "The alias' latest move",
            content = @Content(schema = @Schema(implementation = AliasMove.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response alias(@PathParam("name") @ResourceId String name, @PathParam("alias") @ResourceId String alias) {
        List<AliasMove> history = models.history(name, alias);
        if (history.isEmpty()) {
            throw new ProblemException(404, "No such alias", "model " + name + " has no alias " + alias);
        }
        AliasMove latest = history.get(history.size() - 1);
        return Response.ok(latest).tag(etag(latest)).build();
    }

    @GET
    @Path("/{name}/aliases/{alias}/history")
    @Operation(operationId = "getAliasHistory", summary = "Every move of the alias, oldest first: who, why, from, to")
    @APIResponse(
            responseCode = "200",
            description = "The alias' moves, oldest first; empty if it was never moved",
            content = @Content(schema = @Schema(implementation = AliasMove.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public List<AliasMove> history(
            @PathParam("name") @ResourceId String name, @PathParam("alias") @ResourceId String alias) {
        return models.history(name, alias);
    }

    private static EntityTag etag(AliasMove move) {
        return new EntityTag(String.valueOf(move.move()));
    }

    /** The move number in an If-Match header ("3" or 3), or null without one. */
    static Long expectedMove(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ProblemException(
                    400, "Bad request", "If-Match must be an alias' ETag (its move number, as \"3\"), was " + ifMatch);
        }
    }
}
