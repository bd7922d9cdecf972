package io.ganflow.sampler.synthetic;

import io.ganflow.events.Catalog;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.SyntheticDatasetRequest;
import io.ganflow.events.SyntheticDatasetResult;
import io.ganflow.models.image.SampleGrid;
import io.ganflow.models.serving.GenerationBusyException;
import io.ganflow.models.serving.LoadedGenerator;
import io.ganflow.models.training.Noise;
import io.ganflow.sampler.serving.GeneratorRegistry;
import io.ganflow.sampler.serving.PinnedGenerators;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.ModelRegistryStore;
import io.ganflow.store.ObjectStore;
import io.ganflow.store.QualityStore;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Generates synthetic labelled data sets for other services: reads requests from Kafka, generates class by class
 * with the run's generator at one checkpoint step (shared with serving, in passes like any request), writes the ZIP
 * to the object store and answers on the result topic with progress, then the object's key (a claim check), or the
 * reason it failed. Unreadable requests are parked on the dead-letter topic.
 */
@ApplicationScoped
public class SyntheticDatasetJobs {

    private static final Logger LOG = Logger.getLogger(SyntheticDatasetJobs.class);
    /** Images per generator request: serving requests wait behind at most this many. */
    static final int IMAGES_PER_REQUEST = 64;

    private static final long PROGRESS_EVERY_MILLIS = 1000;

    private final PinnedGenerators generators;
    private final GeneratorRegistry registry;
    private final CheckpointStore checkpoints;
    private final ObjectStore store;
    private final QualityStore quality;
    private final ModelRegistryStore models;
    private final Emitter<Record<String, SyntheticDatasetResult>> results;

    public SyntheticDatasetJobs(
            PinnedGenerators generators,
            GeneratorRegistry registry,
            CheckpointStore checkpoints,
            ObjectStore store,
            QualityStore quality,
            ModelRegistryStore models,
            @Channel(SyntheticDatasetResult.TOPIC) Emitter<Record<String, SyntheticDatasetResult>> results) {
        this.generators = generators;
        this.registry = registry;
        this.checkpoints = checkpoints;
        this.store = store;
        this.quality = quality;
        this.models = models;
        this.results = results;
    }

    /**
     * Requests that cannot be read (or answered: no valid request id) never get here: SmallRye parks them on the
     * sampler's dead-letter topic with the reason. A readable one is always answered, DONE or FAILED.
     */
    @Incoming(SyntheticDatasetRequest.TOPIC)
    @Blocking
    public void onRequest(SyntheticDatasetRequest asked) {
        SyntheticDatasetRequest request = asked;
        try {
            if (!request.problems().isEmpty()) {
                throw new JobFailure(String.join("; ", request.problems()));
            }
            if (request.namesModel()) {
                request = resolve(request);
            }
            if (cancelled(request)) {
                throw new JobCancelled(request.step() == null ? -1 : request.step(), 0);
            }
            SyntheticDatasetResult done = generate(request);
            publish(done);
            LOG.infof(
                    "synthetic data set %s: %d images of run %s at step %d, %d bytes at %s",
                    request.requestId(), request.total(), request.runId(), done.step(), done.bytes(), done.objectKey());
        } catch (JobCancelled e) {
            LOG.infof("synthetic data set %s cancelled after %d images", request.requestId(), e.generated);
            publish(SyntheticDatasetResult.cancelled(request, e.step, e.generated));
        } catch (RuntimeException e) {
            // the request was readable: its requester hears why it failed (a bad run, a store that is down, ...)
            LOG.warnf("synthetic data set %s failed: %s", request.requestId(), e.getMessage());
            publish(SyntheticDatasetResult.failed(request, String.valueOf(e.getMessage())));
        }
    }

    /**
     * A request by model name, answered by the version its alias points to now (the store is written before the
     * alias topic, so it is never behind); its results name that version.
     */
    private SyntheticDatasetRequest resolve(SyntheticDatasetRequest request) {
        return request.resolvedTo(models.versionAt(request.model(), request.aliasOrProduction())
                .orElseThrow(() -> new JobFailure("model " + request.model() + " has no alias "
                        + request.aliasOrProduction() + " pointing to a version")));
    }

    private SyntheticDatasetResult generate(SyntheticDatasetRequest request) {
        long step = stepToUse(request);
        // the trainer's retention deletes old checkpoints: this one stays while the job uses it
        String pin = checkpoints.pin(request.runId(), step, request.requestId());
        Path file = null;
        try {
            file = Files.createTempFile("synthetic-" + request.requestId(), ".zip");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (OutputStream out =
                    new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), sha256)) {
                writeArchive(request, step, out);
            }
            store.putFile(SyntheticDatasetResult.objectKey(request.requestId()), file, "application/zip");
            return SyntheticDatasetResult.done(
                    request,
                    step,
                    store.bucket(),
                    Files.size(file),
                    HexFormat.of().formatHex(sha256.digest()),
                    quality.find(request.runId(), step).orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(file);
            checkpoints.unpin(pin);
        }
    }

    private void writeArchive(SyntheticDatasetRequest request, long step, OutputStream out) throws IOException {
        int[] shape =
                withGenerator(request, step, generator -> new int[] {generator.channels(), generator.imageSide()});
        int channels = shape[0];
        int side = shape[1];
        int imageBytes = channels * side * side;
        try (DatasetArchive archive = SyntheticDatasetRequest.IDX.equals(request.format())
                ? new IdxZipArchive(out, Math.toIntExact(request.total()), channels, side)
                : new PngZipArchive(out, channels, side)) {
            int generated = 0;
            long lastProgress = 0;
            for (int label = 0; label < request.counts().size(); label++) {
                int count = request.counts().get(label);
                for (int from = 0, chunk = 0; from < count; from += IMAGES_PER_REQUEST, chunk++) {
                    if (System.currentTimeMillis() - lastProgress >= PROGRESS_EVERY_MILLIS) {
                        if (cancelled(request)) {
                            throw new JobCancelled(step, generated);
                        }
                        publish(SyntheticDatasetResult.running(request, step, generated));
                        lastProgress = System.currentTimeMillis();
                    }
                    long[] labels = SampleGrid.ofClass(label, Math.min(IMAGES_PER_REQUEST, count - from));
                    long seed = chunkSeed(request.seed(), label, chunk);
                    byte[] pixels = generateWhenThereIsRoom(request, step, labels, seed, generated);
                    for (int i = 0; i < labels.length; i++) {
                        archive.add(Arrays.copyOfRange(pixels, i * imageBytes, (i + 1) * imageBytes), label);
                    }
                    generated += labels.length;
                }
            }
        }
    }

    /**
     * A job waits its turn when serving fills the generator's queue, rather than failing; a cancel still reaches it
     * while it waits.
     */
    private byte[] generateWhenThereIsRoom(
            SyntheticDatasetRequest request, long step, long[] labels, long seed, int generated) {
        for (int attempt = 1; ; attempt++) {
            try {
                return withGenerator(request, step, generator -> generator.generate(labels, seed));
            } catch (GenerationBusyException e) {
                if (attempt % 5 == 0 && cancelled(request)) {
                    throw new JobCancelled(step, generated);
                }
                sleep(200);
            }
        }
    }

    /** Whether its requester asked to cancel it (the gateway writes the mark; a job checks about once a second). */
    private boolean cancelled(SyntheticDatasetRequest request) {
        return store.exists(SyntheticDatasetResult.cancelKey(request.requestId()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobFailure("interrupted");
        }
    }

    /** The requested step, or the one served (or, on a replica that has not loaded the run yet, stored) now. */
    private long stepToUse(SyntheticDatasetRequest request) {
        if (request.step() != null) {
            return request.step();
        }
        return registry.servedStep(request.runId())
                .or(() -> checkpoints.latest(request.runId()).map(CheckpointManifest::step))
                .orElseThrow(() -> new JobFailure("run " + request.runId() + " has no checkpoint to generate with"));
    }

    private <T> T withGenerator(SyntheticDatasetRequest request, long step, Function<LoadedGenerator, T> work) {
        return generators
                .withGenerator(request.runId(), step, generator -> {
                    boolean conditional = Catalog.model(generator.spec().model())
                            .map(Catalog.Model::conditional)
                            .orElse(false);
                    if (!conditional) {
                        throw new JobFailure("run " + request.runId() + " trains "
                                + generator.spec().model()
                                + ", which is not conditioned on a class: it cannot make labelled images");
                    }
                    return work.apply(generator);
                })
                .orElseThrow(
                        () -> new JobFailure("run " + request.runId() + " has no valid checkpoint at step " + step));
    }

    /** Each chunk of each class has a seed of its own, so a class's images do not repeat another's. */
    static long chunkSeed(long seed, int label, int chunk) {
        return Noise.stepSeed(seed * 31 + label, chunk);
    }

    private void publish(SyntheticDatasetResult result) {
        results.send(Record.of(result.requestId(), result));
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("cannot delete temporary file %s: %s", file, e.getMessage());
            }
        }
    }

    /** Its requester cancelled it: nothing is written, and the result says how far it got. */
    static final class JobCancelled extends RuntimeException {
        final long step;
        final int generated;

        JobCancelled(long step, int generated) {
            super("cancelled");
            this.step = step;
            this.generated = generated;
        }
    }

    /** A request that cannot be served, with the reason its requester reads. */
    static final class JobFailure extends RuntimeException {
        JobFailure(String message) {
            super(message);
        }
    }
}
