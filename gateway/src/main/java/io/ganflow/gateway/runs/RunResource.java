package io.ganflow.gateway.runs;

import io.ganflow.events.RunCommand;
import io.ganflow.events.RunSpec;
import io.ganflow.events.RunStatus;
import io.ganflow.gateway.http.ResourceId;
import io.ganflow.gateway.openapi.ApiDocument;
import io.ganflow.gateway.openapi.ProblemResponses;
import io.ganflow.gateway.problems.ProblemException;
import io.ganflow.store.DatasetStore;
import io.ganflow.store.RunSpecStore;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.RUNS)
public class RunResource {

    private static final Logger LOG = Logger.getLogger(RunResource.class);
    /** How long a start waits for the broker to take its command (the producer's own retries fit in it). */
    static final int START_ACK_SECONDS = 10;

    private final RunDirectory directory;
    private final RunSpecStore specs;
    private final DatasetStore datasets;
    private final Emitter<Record<String, RunCommand>> commands;
    private final Emitter<Record<String, RunStatus>> statuses;

    public RunResource(
            RunDirectory directory,
            RunSpecStore specs,
            DatasetStore datasets,
            @Channel(RunCommand.TOPIC) Emitter<Record<String, RunCommand>> commands,
            @Channel(RunStatusOut.CHANNEL) Emitter<Record<String, RunStatus>> statuses) {
        this.directory = directory;
        this.specs = specs;
        this.datasets = datasets;
        this.commands = commands;
        this.statuses = statuses;
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
        List<String> problems = spec.problems(datasets::find);
        if (!problems.isEmpty()) {
            throw new ProblemException(400, "Invalid run", String.join("; ", problems));
        }
        if (directory.get(spec.runId()).isPresent() || specs.load(spec.runId()).isPresent()) {
            throw new ProblemException(409, "Run exists", "run " + spec.runId() + " already exists");
        }
        specs.save(spec);
        sendStart(spec);
        RunStatus pending = RunStatus.pending(spec);
        directory.record(pending);
        statuses.send(Record.of(spec.runId(), pending));
        return Response.created(URI.create("/api/v1/runs/" + spec.runId()))
                .entity(directory.get(spec.runId()).orElseThrow())
                .build();
    }

    /**
     * Hands the start command to the broker and waits for its acknowledgement: a client told 201 has a run that will
     * train. When the broker does not take it in time, the recorded spec is removed again (no trainer takes up a run
     * without one) and the client is asked to try again: 503, Retry-After.
     */
    private void sendStart(RunSpec spec) {
        try {
            commands.send(Record.of(spec.runId(), RunCommand.start(spec)))
                    .toCompletableFuture()
                    .get(START_ACK_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw brokerAway(spec, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw brokerAway(spec, e);
        }
    }

    private ProblemException brokerAway(RunSpec spec, Exception cause) {
        try {
            specs.forget(spec.runId());
        } catch (RuntimeException e) {
            LOG.warnf("run=%s could not be forgotten (a trainer may start it later): %s", spec.runId(), e.getMessage());
        }
        LOG.warnf("run=%s not started: the broker did not take its start command: %s", spec.runId(), cause);
        return new ProblemException(
                503,
                "Service unavailable",
                "run " + spec.runId() + " was not started: Kafka did not take its start command in time; try again",
                Map.of("Retry-After", "10"));
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
        RunView run = get(runId);
        RunStatus current = directory.status(runId).orElseThrow();
        if (current.ended()) {
            throw new ProblemException(409, "Run has ended", "run " + runId + " is already " + current.state());
        }
        specs.markStopped(runId);
        commands.send(Record.of(runId, RunCommand.stop(runId)));
        RunStatus stopped = current.with(
                RunStatus.State.STOPPED, run.epoch(), run.step(), run.latestCheckpointStep(), "stopped by a user");
        directory.record(stopped);
        statuses.send(Record.of(runId, stopped));
        return Response.accepted(directory.get(runId).orElseThrow()).build();
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
