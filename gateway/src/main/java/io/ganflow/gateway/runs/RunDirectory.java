package io.ganflow.gateway.runs;

import io.ganflow.events.Json;
import io.ganflow.events.RunStatus;
import io.ganflow.events.TrainingMetrics;
import io.ganflow.gateway.problems.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The gateway's view of all runs, rebuilt at start-up from the compacted run-status topic and kept current by it and
 * by the training metrics (for the latest step between checkpoints). No state of its own survives a restart.
 */
@ApplicationScoped
public class RunDirectory {

    private final Map<String, RunStatus> statuses = new ConcurrentHashMap<>();
    private final RunEvents events;
    private final Map<String, TrainingMetrics> latestPoints = new ConcurrentHashMap<>();

    public RunDirectory(RunEvents events) {
        this.events = events;
    }

    /** Statuses that cannot be read never get here: they are parked on the gateway's dead-letter topic. */
    @Incoming(RunStatus.TOPIC)
    public void onStatus(RunStatus status) {
        statuses.merge(status.runId(), status, (old, now) -> newer(old, now));
        events.status(status.runId(), Json.write(status));
    }

    @Incoming(TrainingMetrics.TOPIC)
    public void onMetrics(TrainingMetrics metrics) {
        latestPoints.merge(metrics.runId(), metrics, (old, now) -> now.step() >= old.step() ? now : old);
        events.metrics(metrics, Json.write(metrics));
    }

    void record(RunStatus status) {
        statuses.merge(status.runId(), status, (old, now) -> newer(old, now));
    }

    public List<RunView> list() {
        return statuses.values().stream()
                .map(this::view)
                .sorted(Comparator.comparingLong(RunView::updatedMillis).reversed())
                .toList();
    }

    Optional<RunStatus> status(String runId) {
        return Optional.ofNullable(statuses.get(runId));
    }

    public Optional<RunView> get(String runId) {
        return Optional.ofNullable(statuses.get(runId)).map(this::view);
    }

    /** The run, or a 404 problem when no status of it was ever seen. */
    public RunView require(String runId) {
        return get(runId).orElseThrow(() -> new ProblemException(404, "No such run", "run " + runId + " is not known"));
    }

    private RunView view(RunStatus status) {
        TrainingMetrics latest = latestPoints.get(status.runId());
        return latest == null
                ? RunView.of(status, 0L, null)
                : RunView.of(status, latest.step(), latest.imagesPerSecond());
    }

    /**
     * A late PENDING (the gateway's own) must not hide a trainer's RUNNING or COMPLETED, nor a RUNNING an ended run;
     * a FAILED always shows. A
     * status that does not know the run's spec keeps the one already known, and so do the step figures.
     */
    private static RunStatus newer(RunStatus old, RunStatus now) {
        if (now.state() == RunStatus.State.PENDING && old.state() != RunStatus.State.PENDING) {
            return old;
        }
        if (old.ended() && !now.ended()) {
            return old; // e.g. a trainer's last RUNNING that crossed a user's stop
        }
        if (now.state() == RunStatus.State.FAILED) {
            return new RunStatus(
                    RunStatus.VERSION,
                    now.runId(),
                    now.state(),
                    old.epoch(),
                    old.step(),
                    old.latestCheckpointStep(),
                    now.spec() != null ? now.spec() : old.spec(),
                    now.message(),
                    now.updatedMillis());
        }
        return now.step() >= old.step() ? now : old;
    }
}
