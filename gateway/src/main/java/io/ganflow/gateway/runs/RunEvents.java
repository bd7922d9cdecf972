package io.ganflow.gateway.runs;

import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.Json;
import io.ganflow.events.TrainingMetrics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What happens to runs, live, for Server-Sent Events: metrics points, checkpoints, their quality and status changes,
 * fanned out to
 * every connected client; and each run's recent metrics, so that a client that connects late can draw the curves
 * so far. Fed by {@code @Incoming} methods (and {@link RunDirectory}), which consume from the start of the topics
 * whether or not anyone listens.
 */
@ApplicationScoped
public class RunEvents {

    /** One event of one run: {@code name} is the SSE event name, {@code json} its data. */
    public record RunEvent(String runId, String name, String json) {}

    private final BroadcastProcessor<RunEvent> live = BroadcastProcessor.create();
    /**
     * The runs' histories, at most {@code runsKept} of them: the run least recently trained or looked at is forgotten
     * first (its curve is empty until it trains again), so the gateway holds at most runs x points per run.
     */
    private final Map<String, MetricHistory> history;

    private final int pointsPerRun;

    public RunEvents(
            @ConfigProperty(name = "ganflow.gateway.metric-points-per-run") int pointsPerRun,
            @ConfigProperty(name = "ganflow.gateway.metric-runs-kept") int runsKept) {
        this.pointsPerRun = pointsPerRun;
        this.history = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, MetricHistory> eldest) {
                return size() > runsKept;
            }
        });
    }

    @Incoming(CheckpointEvent.TOPIC)
    public void onCheckpoint(CheckpointEvent checkpoint) {
        live.onNext(new RunEvent(checkpoint.runId(), "checkpoint", Json.write(checkpoint)));
    }

    @Incoming(CheckpointQuality.TOPIC)
    public void onQuality(CheckpointQuality quality) {
        live.onNext(new RunEvent(quality.runId(), "quality", Json.write(quality)));
    }

    void metrics(TrainingMetrics point, String json) {
        MetricHistory points = history.computeIfAbsent(point.runId(), id -> new MetricHistory(pointsPerRun));
        synchronized (points) {
            points.add(point);
        }
        live.onNext(new RunEvent(point.runId(), "metrics", json));
    }

    void status(String runId, String json) {
        live.onNext(new RunEvent(runId, "status", json));
    }

    /** The run's metrics points, oldest first: the whole run, thinned where it is old and long. */
    public List<TrainingMetrics> history(String runId) {
        MetricHistory points = history.get(runId);
        if (points == null) {
            return List.of();
        }
        synchronized (points) {
            return points.points();
        }
    }

    /** Every run's events from now on. */
    public Multi<RunEvent> all() {
        return live;
    }

    /** The run's events from now on. */
    public Multi<RunEvent> of(String runId) {
        return live.filter(event -> event.runId().equals(runId));
    }
}
