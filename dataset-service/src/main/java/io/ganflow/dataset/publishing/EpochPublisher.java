package io.ganflow.dataset.publishing;

import io.ganflow.dataset.epoch.DatasetCatalog;
import io.ganflow.dataset.epoch.EpochPlan;
import io.ganflow.dataset.idx.DatasetFormatException;
import io.ganflow.dataset.idx.LabelledImages;
import io.ganflow.events.EpochRequest;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.RunStatus;
import io.ganflow.events.retry.Backoff;
import io.ganflow.store.RunSpecStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    private static final int IN_FLIGHT = 32;

    private final DatasetCatalog catalog;
    private final RunSpecStore specs;
    private final Duration retryWindow;

    private final MutinyEmitter<Record<String, byte[]>> batches;
    private final Emitter<Record<String, RunStatus>> statuses;
    /** Batches and their bytes sent (acknowledged by the broker): rates of these are the data path's throughput. */
    private final Counter batchesPublished;

    private final Counter bytesPublished;

    public EpochPublisher(
            DatasetCatalog catalog,
            RunSpecStore specs,
            MeterRegistry meters,
            @ConfigProperty(name = "ganflow.publishing.retry-window", defaultValue = "PT45S") Duration retryWindow,
            @Channel(ImageBatch.TOPIC) MutinyEmitter<Record<String, byte[]>> batches,
            @Channel(RunStatus.TOPIC) Emitter<Record<String, RunStatus>> statuses) {
        this.catalog = catalog;
        this.specs = specs;
        this.retryWindow = retryWindow;
        this.batches = batches;
        this.statuses = statuses;
        this.batchesPublished = meters.counter("ganflow.dataset.batches.published");
        this.bytesPublished = meters.counter("ganflow.dataset.bytes.published");
    }

    /**
     * Unreadable requests never get here. A request whose batches cannot be made for a fault of the run's own (an
     * unknown data set, data that cannot be read) fails its run, recorded in the store and announced, and is parked
     * by SmallRye on the dataset-service's dead-letter topic with the reason. A fault of the store or the broker is
     * retried with backoff for the retry window (45 s: less than the 60 s SmallRye lets a record go unacknowledged
     * before it reports the channel unhealthy for good), then given up with a log line: the trainer asks again when
     * the batches do not come, so an outage never fails a run.
     */
    @Incoming(EpochRequest.TOPIC)
    @Blocking
    public CompletionStage<Void> onEpochRequest(Message<EpochRequest> message) {
        EpochRequest request = message.getPayload();
        long giveUpMillis = System.currentTimeMillis() + retryWindow.toMillis();
        Backoff backoff = new Backoff(500, 15_000);
        while (true) {
            try {
                publish(request);
                return message.ack();
            } catch (RuntimeException e) {
                if (isRunsOwnFault(e)) {
                    return failRun(message, e);
                }
                long wait = backoff.failed();
                if (System.currentTimeMillis() + wait > giveUpMillis) {
                    LOG.warnf(
                            "run=%s epoch %d not published, given up after %d s (the trainer asks again): %s",
                            request.runId(), request.epoch(), retryWindow.toSeconds(), e.getMessage());
                    return message.ack();
                }
                LOG.warnf(
                        "run=%s epoch %d not published, retrying in %d ms: %s",
                        request.runId(), request.epoch(), wait, e.getMessage());
                if (!Backoff.sleep(wait)) {
                    return message.ack();
                }
            }
        }
    }

    /** Faults of the request's own run; anything else (store, broker, a local file gone) is waited out. */
    static boolean isRunsOwnFault(RuntimeException e) {
        return e instanceof MalformedEventException
                || e instanceof DatasetFormatException
                || e instanceof IllegalArgumentException;
    }

    private CompletionStage<Void> failRun(Message<EpochRequest> message, RuntimeException e) {
        EpochRequest request = message.getPayload();
        LOG.warnf(
                "run=%s epoch %d cannot be published, parking its request: %s",
                request.runId(), request.epoch(), e.getMessage());
        try {
            specs.markFailed(request.runId(), e.getMessage()); // no trainer takes it up again
        } catch (RuntimeException storeFault) {
            LOG.warnf("run=%s failure not recorded in the store: %s", request.runId(), storeFault.getMessage());
        }
        // the run cannot go on without its data: say so where its users look
        statuses.send(Record.of(request.runId(), RunStatus.failed(request.runId(), e.getMessage())));
        return message.nack(e);
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
            int size = encoded.length;
            inFlight.addLast(batches.send(Record.of(request.runId(), encoded))
                    .subscribeAsCompletionStage()
                    .thenRun(() -> {
                        batchesPublished.increment();
                        bytesPublished.increment(size);
                    }));
        }
        inFlight.forEach(CompletableFuture::join);
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.infof(
                "run=%s epoch=%d published batches %d..%d of %d (%.1f MB) in %.2f s",
                request.runId(), request.epoch(), first, end - 1, plan.batches(), bytes / 1e6, seconds);
    }
}
