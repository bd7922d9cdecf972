package io.ganflow.gateway.datasets;

import io.ganflow.events.DatasetInfo;
import io.ganflow.gateway.http.OneOf;
import io.ganflow.gateway.http.ResourceId;
import io.ganflow.gateway.http.WholeNumber;
import io.ganflow.gateway.openapi.ApiDocument;
import io.ganflow.gateway.openapi.ProblemResponses;
import io.ganflow.gateway.problems.ProblemException;
import io.ganflow.gateway.upstream.Upstream;
import io.ganflow.store.DatasetStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

@Path("/api/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.DATASETS)
public class DatasetResource {

    private final DatasetServiceClient datasetService;
    private final DatasetStore datasets;
    private final DatasetNameClaims claims;

    public DatasetResource(
            @RestClient DatasetServiceClient datasetService, DatasetStore datasets, DatasetNameClaims claims) {
        this.datasetService = datasetService;
        this.datasets = datasets;
        this.claims = claims;
    }

    @GET
    @Blocking
    @Operation(
            operationId = "listDatasets",
            summary = "The data sets runs can train on: built in and uploaded, with classes and images per class")
    @APIResponse(
            responseCode = "200",
            description = "Every data set",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DatasetInfo.class)))
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public Response list() {
        return relay(datasetService::list);
    }

    @GET
    @Path("/{name}")
    @Blocking
    @Operation(operationId = "getDataset", summary = "One data set")
    @APIResponse(
            responseCode = "200",
            description = "The data set",
            content = @Content(schema = @Schema(implementation = DatasetInfo.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public Response get(@PathParam("name") @ResourceId String name) {
        return relay(() -> datasetService.get(name));
    }

    @PUT
    @Path("/{name}")
    @Blocking
    @Consumes({"application/zip", "application/gzip", "application/x-gzip", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(
            operationId = "uploadDataset",
            summary = "Upload a data set",
            description = "The body is a ZIP or tar.gz archive with one folder per class of PNG or JPEG images "
                    + "(optionally inside one top-level folder). Images are resized to side x side with the given "
                    + "channels; files that are not readable images are skipped and listed in the answer. A name is "
                    + "taken once: runs may train on it.")
    @RequestBody(
            required = true,
            content = {
                @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = "application/gzip", schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(
            responseCode = "201",
            description = "Read and stored: runs may train on it now",
            content = @Content(schema = @Schema(implementation = DatasetInfo.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public Response upload(
            @PathParam("name") @ResourceId String name,
            @Parameter(description = "1 (gray) or 3 (RGB)") @QueryParam("channels") @DefaultValue("3") @OneOf({1, 3})
                    int channels,
            @Parameter(description = "image side in pixels, 8-128")
                    @QueryParam("side")
                    @DefaultValue("32")
                    @WholeNumber(min = 8, max = 128)
                    int side,
            InputStream body)
            throws IOException {
        if (datasets.find(name).isPresent()) {
            throw new ProblemException(409, "Data set exists", "data set " + name + " exists; runs may use it");
        }
        DatasetNameClaims.Claim claim = claims.claim(name)
                .orElseThrow(() -> new ProblemException(
                        409, "Data set being uploaded", "another upload of data set " + name + " is under way"));
        try (PushbackInputStream archive = new PushbackInputStream(body)) {
            int first = archive.read();
            if (first < 0) {
                throw new ProblemException(400, "Empty upload", "the body must be a ZIP or tar.gz archive of images");
            }
            archive.unread(first);
            datasets.saveArchive(name, archive);
        } catch (IOException | RuntimeException e) {
            giveBack(claim); // empty, the body broke off, or the store refused it: nothing stays
            throw e;
        }
        Response answer;
        try {
            answer = relay(() -> datasetService.importUpload(name, channels, side));
        } catch (ProblemException e) {
            giveBack(claim); // the dataset-service cannot be reached: nothing stays, the name is free
            throw e;
        }
        if (answer.getStatus() >= 400) {
            giveBack(claim); // refused: the name is free again and nothing of the upload stays
        }
        return answer;
    }

    /** Removes what the upload left and frees its name. */
    private void giveBack(DatasetNameClaims.Claim claim) {
        datasets.removeUpload(claim.name());
        claims.release(claim);
    }

    private static Response relay(Supplier<Response> call) {
        return Upstream.relay("dataset-service", call, List.of());
    }
}
