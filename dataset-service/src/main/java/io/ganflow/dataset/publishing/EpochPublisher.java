package io.ganflow.dataset.publishing;

import io.ganflow.dataset.epoch.DatasetCatalog;
import io.ganflow.dataset.epoch.EpochPlan;
import io.ganflow.dataset.idx.LabelledImages;
import io.ganflow.events.EpochRequest;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.ganflow.events.Json;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.RunStatus;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Answers a trainer's epoch request by publishing the batches it asks for, keyed by run id so that a run's batches
 * stay in order on one partition. A request it cannot serve is parked on the dead-letter topic.
 */
@ApplicationScoped
public class EpochPublisher {

    private static final Logger LOG = Logger.getLogger(EpochPublisher.class);

    private final DatasetCatalog catalog;
    private static final int IN_FLIGHT = 32;

    private final MutinyEmitter<Record<String, byte[]>> batches;
    private final Emitter<Record<String, String>> statuses;

    public EpochPublisher(
            DatasetCatalog catalog,
            @Channel(ImageBatch.TOPIC) MutinyEmitter<Record<String, byte[]>> batches,
            @Channel(RunStatus.TOPIC) Emitter<Record<String, String>> statuses) {
        this.catalog = catalog;
        this.batches = batches;
        this.statuses = statuses;
    }

    /**
     * Unreadable requests never get here; one whose batches cannot be made marks its run FAILED and is parked, by
     * SmallRye, on the dataset-service's dead-letter topic with the reason.
     */
    @Incoming(EpochRequest.TOPIC)
    @Blocking
    public CompletionStage<Void> onEpochRequest(Message<EpochRequest> message) {
        EpochRequest request = message.getPayload();
        try {
            publish(request);
            return message.ack();
        } catch (RuntimeException e) {
            LOG.warnf(
                    "run=%s epoch %d cannot be published, parking its request: %s",
                    request.runId(), request.epoch(), e.getMessage());
            // the run cannot go on without its data: say so where its users look
            statuses.send(Record.of(request.runId(), Json.write(RunStatus.failed(request.runId(), e.getMessage()))));
            return message.nack(e);
        }
    }

    private void publish(EpochRequest request) {
        LabelledImages data = catalog.get(request.dataset())
                .orElseThrow(() -> new MalformedEventException(
                        "run " + request.runId() + " asks for unknown data set " + request.dataset()));
        EpochPlan plan = new EpochPlan(
                data, request.runId(), request.epoch(), request.batchSize(), request.seed(), request.limit());
        long started = System.nanoTime();
        long bytes = 0;
        int first = Math.min(request.firstBatch(), plan.batches());
        int end = request.lastBatchExclusive(plan.batches());
        // pipelined: up to IN_FLIGHT batches on their way, so the producer can fill its network batches
        Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        for (int index = first; index < end; index++) {
            byte[] encoded = ImageBatchCodec.encode(plan.batch(index));
            bytes += encoded.length;
            if (inFlight.size() >= IN_FLIGHT) {
                inFlight.removeFirst().join();
            }
            inFlight.addLast(batches.send(Record.of(request.runId(), encoded)).subscribeAsCompletionStage());
        }
        inFlight.forEach(CompletableFuture::join);
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.infof(
                "run=%s epoch=%d published batches %d..%d of %d (%.1f MB) in %.2f s",
                request.runId(), request.epoch(), first, end - 1, plan.batches(), bytes / 1e6, seconds);
    }
}
