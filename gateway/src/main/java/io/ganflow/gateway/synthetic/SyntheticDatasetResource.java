package io.ganflow.gateway.synthetic;

import io.ganflow.events.Catalog;
import io.ganflow.events.SyntheticDatasetRequest;
import io.ganflow.events.SyntheticDatasetResult;
import io.ganflow.gateway.http.ResourceId;
import io.ganflow.gateway.limits.GenerationLimits;
import io.ganflow.gateway.models.ModelAliases;
import io.ganflow.gateway.openapi.ApiDocument;
import io.ganflow.gateway.openapi.ProblemResponses;
import io.ganflow.gateway.problems.ProblemException;
import io.ganflow.gateway.quality.CheckpointQualities;
import io.ganflow.gateway.runs.RunDirectory;
import io.ganflow.gateway.runs.RunView;
import io.ganflow.gateway.security.ApiKeys;
import io.ganflow.store.ObjectStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/synthetic-datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.SYNTHETIC)
public class SyntheticDatasetResource {

    static final Duration DOWNLOAD_URL_VALIDITY = Duration.ofHours(1);

    private final SyntheticDatasetDirectory jobs;
    private final RunDirectory runs;
    private final ObjectStore store;
    private final GenerationLimits limits;
    private final CheckpointQualities qualities;
    private final ModelAliases aliases;

    public SyntheticDatasetResource(
            SyntheticDatasetDirectory jobs,
            RunDirectory runs,
            ObjectStore store,
            GenerationLimits limits,
            CheckpointQualities qualities,
            ModelAliases aliases) {
        this.jobs = jobs;
        this.runs = runs;
        this.store = store;
        this.limits = limits;
        this.qualities = qualities;
        this.aliases = aliases;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(
            operationId = "createSyntheticDataset",
            summary = "Create a synthetic labelled data set",
            description = "Checks the request and hands it to the samplers as a job (Kafka topic "
                    + SyntheticDatasetRequest.TOPIC + "); follow it at the returned Location until it is DONE, "
                    + "then download it from its downloadUrl.")
    @APIResponse(
            responseCode = "202",
            description = "Handed to the samplers (state PENDING); Location is the job's address",
            content = @Content(schema = @Schema(implementation = SyntheticDatasetView.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    @APIResponse(responseCode = "429", ref = ProblemResponses.TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public Response create(@Valid CreateSyntheticDataset body, @Context HttpHeaders headers) {
        if (body == null) {
            throw new ProblemException(
                    400, "Invalid synthetic data set", "a JSON body with runId (or model) and counts is needed");
        }
        body.problem().ifPresent(problem -> {
            throw new ProblemException(400, "Invalid synthetic data set", problem);
        });
        SyntheticDatasetRequest checked =
                body.toRequest("syn-" + UUID.randomUUID().toString().substring(0, 8), body.stepNumber());
        List<String> problems = checked.problems();
        if (!problems.isEmpty()) {
            throw new ProblemException(400, "Invalid synthetic data set", String.join("; ", problems));
        }
        SyntheticDatasetRequest request = checked.namesModel()
                // the job records the version the alias points to now: the data set stays traceable after it moves
                ? checked.resolvedTo(aliases.resolve(checked.model(), checked.aliasOrProduction()))
                : checked;
        RunView run = conditionalRun(request.runId());
        if (body.asksForBest()) {
            // "best" is a step only the gateway can name (it reads the quality records): the samplers get a number
            request = body.toRequest(checked.requestId(), qualities.resolve(run.runId(), CheckpointQualities.BEST));
        }
        if (request.step() == null && run.latestCheckpointStep() < 0) {
            throw new ProblemException(
                    409, "No checkpoint yet", "run " + run.runId() + " has no checkpoint to generate with yet");
        }
        // its images count against the caller's generation allowance, like images asked for one by one
        limits.charge(ApiKeys.clientOf(headers), request.total());
        jobs.submit(request);
        return Response.accepted(jobs.get(request.requestId()).orElseThrow())
                .location(URI.create("/api/v1/synthetic-datasets/" + request.requestId()))
                .build();
    }

    /** The run a data set is asked of: known, and of a model that can label its images. */
    private RunView conditionalRun(String runId) {
        RunView run = runs.require(runId);
        boolean conditional = run.spec() != null
                && Catalog.model(run.spec().model())
                        .map(Catalog.Model::conditional)
                        .orElse(false);
        if (!conditional) {
            throw new ProblemException(
                    422,
                    "Run cannot label images",
                    "run " + run.runId() + " trains a model that is not conditioned on a class");
        }
        return run;
    }

    @DELETE
    @Path("/{requestId}")
    @Blocking
    @Operation(
            operationId = "cancelSyntheticDataset",
            summary = "Cancel a synthetic data set job, or delete the data set it made",
            description = "A job waiting or running stops (its sampler checks about once a second) and ends "
                    + "CANCELLED; a DONE job's data set is deleted and the job shows CANCELLED. Asking again is "
                    + "harmless.")
    @APIResponse(
            responseCode = "202",
            description = "Cancelled, or asked to stop (state CANCELLED once its sampler has stopped)",
            content = @Content(schema = @Schema(implementation = SyntheticDatasetView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public Response cancel(@PathParam("requestId") @ResourceId String requestId) {
        SyntheticDatasetView job = jobs.get(requestId)
                .orElseThrow(() -> new ProblemException(
                        404, "No such synthetic data set", "no synthetic data set job " + requestId));
        if (job.done()) {
            store.delete(SyntheticDatasetResult.objectKey(requestId));
            jobs.deleted(job);
        } else if (!job.ended()) {
            store.put(SyntheticDatasetResult.cancelKey(requestId), new byte[0], "application/octet-stream");
            jobs.cancelRequested(job);
        }
        return Response.accepted(jobs.get(requestId).orElseThrow()).build();
    }

    @GET
    @Operation(operationId = "listSyntheticDatasets", summary = "All synthetic data set jobs, newest first")
    public List<SyntheticDatasetView> list() {
        return jobs.list();
    }

    @GET
    @Path("/{requestId}")
    @Operation(
            operationId = "getSyntheticDataset",
            summary = "One synthetic data set job",
            description = "Its state (PENDING, RUNNING, DONE or FAILED) and progress; when DONE, a download URL "
                    + "valid for an hour (a new one on every call).")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public SyntheticDatasetView get(@PathParam("requestId") @ResourceId String requestId) {
        SyntheticDatasetView job = jobs.get(requestId)
                .orElseThrow(() -> new ProblemException(
                        404, "No such synthetic data set", "no synthetic data set job " + requestId));
        return job.done()
                ? job.withDownloadUrl(
                        store.presignedGet(SyntheticDatasetResult.objectKey(requestId), DOWNLOAD_URL_VALIDITY))
                : job;
    }
}
