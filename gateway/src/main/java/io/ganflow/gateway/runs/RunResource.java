package io.ganflow.gateway.runs;

import io.ganflow.events.Json;
import io.ganflow.events.RunCommand;
import io.ganflow.events.RunSpec;
import io.ganflow.events.RunStatus;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    private final RunDirectory directory;
    private final RunSpecStore specs;
    private final DatasetStore datasets;
    private final Emitter<Record<String, String>> commands;
    private final Emitter<Record<String, String>> statuses;

    public RunResource(
            RunDirectory directory,
            RunSpecStore specs,
            DatasetStore datasets,
            @Channel(RunCommand.TOPIC) Emitter<Record<String, String>> commands,
            @Channel(RunStatusOut.CHANNEL) Emitter<Record<String, String>> statuses) {
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
            summary = "Start a training run",
            description = "Validates the run, records it, and asks the trainers to "
                    + "start it. Nothing is published when the run is invalid.")
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
        RunStatus pending = RunStatus.pending(spec);
        directory.record(pending);
        statuses.send(Record.of(spec.runId(), Json.write(pending)));
        commands.send(Record.of(spec.runId(), Json.write(RunCommand.start(spec))));
        return Response.created(URI.create("/api/v1/runs/" + spec.runId()))
                .entity(directory.get(spec.runId()).orElseThrow())
                .build();
    }

    @POST
    @Path("/{runId}/stop")
    @Blocking
    @Operation(
            summary = "Stop a run",
            description = "Records the stop in the store (no trainer continues or takes up the run again) and tells "
                    + "the trainers; the one training it writes a last checkpoint, which stays servable.")
    public Response stop(@PathParam("runId") String runId) {
        RunView run = get(runId);
        RunStatus current = directory.status(runId).orElseThrow();
        if (current.ended()) {
            throw new ProblemException(409, "Run has ended", "run " + runId + " is already " + current.state());
        }
        specs.markStopped(runId);
        commands.send(Record.of(runId, Json.write(RunCommand.stop(runId))));
        RunStatus stopped = current.with(
                RunStatus.State.STOPPED, run.epoch(), run.step(), run.latestCheckpointStep(), "stopped by a user");
        directory.record(stopped);
        statuses.send(Record.of(runId, Json.write(stopped)));
        return Response.accepted(directory.get(runId).orElseThrow()).build();
    }

    @GET
    @Operation(summary = "All runs, newest first, with status and latest step")
    public List<RunView> list() {
        return directory.list();
    }

    @GET
    @Path("/{runId}")
    @Operation(summary = "One run")
    public RunView get(@PathParam("runId") String runId) {
        return directory
                .get(runId)
                .orElseThrow(() -> new ProblemException(404, "No such run", "run " + runId + " is not known"));
    }
}
