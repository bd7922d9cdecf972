package io.ganflow.trainer.reporting;

import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.EpochRequest;
import io.ganflow.events.RunStatus;
import io.ganflow.events.TrainingMetrics;
import io.ganflow.events.kafka.UnreadableRecords;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Everything the trainer announces on Kafka, each message keyed by its run id. */
@ApplicationScoped
public class TrainingEvents {

    public static final String DEAD_LETTERS = "dead-letters-trainer-service";
    /** A batch of 1024 CIFAR-10 images is 3.1 MB; parked whole up to this, cut beyond (the broker takes 4 MiB). */
    static final int PARKED_WHOLE_BYTES = 3_200_000;

    private final Emitter<Record<String, EpochRequest>> epochRequests;
    private final Emitter<Record<String, TrainingMetrics>> metrics;
    private final Emitter<Record<String, CheckpointEvent>> checkpoints;
    private final Emitter<Record<String, RunStatus>> statuses;
    private final Emitter<byte[]> deadLetters;

    public TrainingEvents(
            @Channel(EpochRequest.TOPIC) Emitter<Record<String, EpochRequest>> epochRequests,
            @Channel(TrainingMetrics.TOPIC) Emitter<Record<String, TrainingMetrics>> metrics,
            @Channel(CheckpointEvent.TOPIC) Emitter<Record<String, CheckpointEvent>> checkpoints,
            @Channel(RunStatus.TOPIC) Emitter<Record<String, RunStatus>> statuses,
            @Channel(DEAD_LETTERS) Emitter<byte[]> deadLetters) {
        this.epochRequests = epochRequests;
        this.metrics = metrics;
        this.checkpoints = checkpoints;
        this.statuses = statuses;
        this.deadLetters = deadLetters;
    }

    public void requestEpoch(EpochRequest request) {
        epochRequests.send(Record.of(request.runId(), request));
    }

    public void metrics(TrainingMetrics point) {
        metrics.send(Record.of(point.runId(), point));
    }

    public void checkpoint(CheckpointEvent event) {
        checkpoints.send(Record.of(event.runId(), event));
    }

    public void status(RunStatus status) {
        statuses.send(Record.of(status.runId(), status));
    }

    /**
     * Parks a batch record the training loop cannot use, with the same headers SmallRye's dead-letter strategy
     * writes for the trainer's other channels: the reason, and where the record came from. A record larger than a
     * batch of the largest run is cut like the other channels' unreadable records ({@link UnreadableRecords}): one
     * near the broker's limit would not fit on the dead-letter topic beside its headers.
     */
    public void park(ConsumerRecord<String, byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = record.value();
        if (value != null && value.length > PARKED_WHOLE_BYTES) {
            headers.add(
                    UnreadableRecords.ORIGINAL_BYTES,
                    String.valueOf(value.length).getBytes(StandardCharsets.UTF_8));
            value = Arrays.copyOf(value, UnreadableRecords.KEPT_BYTES);
        }
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        deadLetters.send(Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(record.key())
                        .withHeaders(headers)
                        .build()));
    }
}
