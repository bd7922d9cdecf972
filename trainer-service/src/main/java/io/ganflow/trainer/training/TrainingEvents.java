package io.ganflow.trainer.training;

import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.EpochRequest;
import io.ganflow.events.Json;
import io.ganflow.events.RunStatus;
import io.ganflow.events.TrainingMetrics;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Everything the trainer announces on Kafka, each message keyed by its run id. */
@ApplicationScoped
public class TrainingEvents {

    public static final String DEAD_LETTERS = "dead-letters-trainer-service";

    private final Emitter<Record<String, String>> epochRequests;
    private final Emitter<Record<String, String>> metrics;
    private final Emitter<Record<String, String>> checkpoints;
    private final Emitter<Record<String, String>> statuses;
    private final Emitter<Record<String, byte[]>> deadLetters;

    public TrainingEvents(
            @Channel(EpochRequest.TOPIC) Emitter<Record<String, String>> epochRequests,
            @Channel(TrainingMetrics.TOPIC) Emitter<Record<String, String>> metrics,
            @Channel(CheckpointEvent.TOPIC) Emitter<Record<String, String>> checkpoints,
            @Channel(RunStatus.TOPIC) Emitter<Record<String, String>> statuses,
            @Channel(DEAD_LETTERS) Emitter<Record<String, byte[]>> deadLetters) {
        this.epochRequests = epochRequests;
        this.metrics = metrics;
        this.checkpoints = checkpoints;
        this.statuses = statuses;
        this.deadLetters = deadLetters;
    }

    public void requestEpoch(EpochRequest request) {
        epochRequests.send(Record.of(request.runId(), Json.write(request)));
    }

    public void metrics(TrainingMetrics point) {
        metrics.send(Record.of(point.runId(), Json.write(point)));
    }

    public void checkpoint(CheckpointEvent event) {
        checkpoints.send(Record.of(event.runId(), Json.write(event)));
    }

    public void status(RunStatus status) {
        statuses.send(Record.of(status.runId(), Json.write(status)));
    }

    public void park(String key, byte[] value) {
        deadLetters.send(Record.of(key, value));
    }
}
