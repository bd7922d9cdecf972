package io.ganflow.gateway.runs;

import io.ganflow.events.RunCommand;
import io.ganflow.events.RunSpec;
import io.ganflow.events.RunStatus;
import io.ganflow.gateway.claims.NameClaims;
import io.ganflow.gateway.problems.ProblemException;
import io.ganflow.store.DatasetStore;
import io.ganflow.store.RunSpecStore;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Starts and stops runs, for a client (RunResource) and for a study's scheduler alike: a start is checked, claimed
 * (of two starts of one run id, one goes ahead), recorded, and handed to the trainers; a stop is recorded before the
 * trainers hear of it, so none takes the run up again.
 */
@ApplicationScoped
public class RunLauncher {

    private static final Logger LOG = Logger.getLogger(RunLauncher.class);
    /** How long a start waits for the broker to take its command (the producer's own retries fit in it). */
    static final int START_ACK_SECONDS = 10;

    private final RunDirectory directory;
    private final RunSpecStore specs;
    private final DatasetStore datasets;
    private final RunIdClaims claims;
    private final Emitter<Record<String, RunCommand>> commands;
    private final Emitter<Record<String, RunStatus>> statuses;

    public RunLauncher(
            RunDirectory directory,
            RunSpecStore specs,
            DatasetStore datasets,
            RunIdClaims claims,
            @Channel(RunCommand.TOPIC) Emitter<Record<String, RunCommand>> commands,
            @Channel(RunStatusOut.CHANNEL) Emitter<Record<String, RunStatus>> statuses) {
        this.directory = directory;
        this.specs = specs;
        this.datasets = datasets;
        this.claims = claims;
        this.commands = commands;
        this.statuses = statuses;
    }

    /** Whether a run of this id was started (by anyone, at any time). */
    public boolean exists(String runId) {
        return directory.get(runId).isPresent() || specs.load(runId).isPresent();
    }

    /**
     * Starts the run: a 400 problem when the spec cannot run, 409 when its id is taken, 503 when the broker does not
     * take the start (nothing is then recorded).
     */
    public RunView start(RunSpec spec) {
        List<String> problems = spec.problems(datasets::find);
        if (!problems.isEmpty()) {
            throw new ProblemException(400, "Invalid run", String.join("; ", problems));
        }
        NameClaims.Claim claim = claim(spec.runId());
        try {
            if (exists(spec.runId())) {
                throw taken(spec.runId());
            }
            specs.save(spec);
            sendStart(spec);
        } finally {
            // the id is the spec's now (or free again): the claim has done its work
            claims.release(claim);
        }
        RunStatus pending = RunStatus.pending(spec);
        directory.record(pending);
        statuses.send(Record.of(spec.runId(), pending));
        return directory.get(spec.runId()).orElseThrow();
    }

    /**
     * Records a run that cannot be started, and never will be as specified (a study's trial whose uploaded data set
     * was deleted, say), as FAILED with why: whoever waits for it sees it ended. Nothing is stored and nothing goes to
     * the trainers; its status on run-status keeps the record across gateway restarts.
     */
    public void recordUnstartable(RunSpec spec, String reason) {
        RunStatus failed = RunStatus.pending(spec).with(RunStatus.State.FAILED, 0, 0, -1, reason);
        directory.record(failed);
        statuses.send(Record.of(spec.runId(), failed));
    }

    /** The run id, held for this start: 409 when another start holds it, 503 (naming the run) when Kafka is away. */
    private NameClaims.Claim claim(String runId) {
        try {
            return claims.claim(runId).orElseThrow(() -> taken(runId));
        } catch (ProblemException e) {
            if (e.status() != 503) {
                throw e;
            }
            LOG.warnf("run=%s not started: its id could not be claimed: %s", runId, e.getMessage());
            throw notStarted(runId);
        }
    }

    private static ProblemException notStarted(String runId) {
        return new ProblemException(
                503,
                "Service unavailable",
                "run " + runId + " was not started: Kafka did not take its start command in time; try again",
                Map.of("Retry-After", "10"));
    }

    private static ProblemException taken(String runId) {
        return new ProblemException(409, "Run exists", "run " + runId + " already exists");
    }

    /**
     * Stops a run that has not ended: recorded in the store, then told to the trainers (the one training it writes a
     * last checkpoint). A 404 problem for an unknown run, 409 for one that has ended.
     */
    public RunView stop(String runId, String reason) {
        RunView run = directory.require(runId);
        RunStatus current = directory.status(runId).orElseThrow();
        if (current.ended()) {
            throw new ProblemException(409, "Run has ended", "run " + runId + " is already " + current.state());
        }
        specs.markStopped(runId);
        commands.send(Record.of(runId, RunCommand.stop(runId)));
        RunStatus stopped =
                current.with(RunStatus.State.STOPPED, run.epoch(), run.step(), run.latestCheckpointStep(), reason);
        directory.record(stopped);
        statuses.send(Record.of(runId, stopped));
        return directory.get(runId).orElseThrow();
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
        return notStarted(spec.runId());
    }
}
