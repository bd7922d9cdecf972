package io.ganflow.models.serving;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.RunSpec;
import io.ganflow.models.GanModel;
import io.ganflow.models.GanModels;
import io.ganflow.models.InferenceGenerator;
import io.ganflow.models.image.SampleGrid;
import io.ganflow.models.layers.Torch;
import io.ganflow.models.training.BlockBytes;
import io.ganflow.models.training.GanTraining;
import io.ganflow.models.training.ImageGeneration;
import io.ganflow.models.training.Noise;
import java.util.function.BooleanSupplier;

/**
 * A generator loaded from a checkpoint for serving. Generation is deterministic: the same checkpoint, labels and
 * seed give the same pixels on every replica.
 */
public final class LoadedGenerator implements AutoCloseable {

    /** Rounding apart, an inference form gives the network's pixels; one level either way is rounding. */
    static final int INFERENCE_FORM_TOLERANCE = 1;
    /** Passes' worth of images a generator queues by default before it refuses more. */
    public static final int DEFAULT_QUEUED_PASSES = 16;

    private final GanModel model;
    private final RunSpec spec;
    private final long step;
    private final NDManager manager;
    private final Block generator;
    private final ParameterStore parameters;
    private final InferenceGenerator inference;
    private final CombinedPasses passes;
    private final long parameterBytes;

    private LoadedGenerator(
            GanModel model,
            RunSpec spec,
            long step,
            NDManager manager,
            Block generator,
            long parameterBytes,
            int queuedPasses) {
        this.model = model;
        this.spec = spec;
        this.step = step;
        this.manager = manager;
        this.generator = generator;
        this.parameterBytes = parameterBytes;
        this.parameters = new ParameterStore(manager, false);
        this.inference = model.inferenceGenerator(generator, parameters, manager);
        int imageBytes = model.channels() * model.imageSide() * model.imageSide();
        this.passes = new CombinedPasses(
                model.imagesPerServingPass(),
                spec.latentSize(),
                imageBytes,
                this::pass,
                GenerationThread.PASSES,
                queuedPasses * model.imagesPerServingPass());
    }

    /**
     * Loads and verifies a generator: its parameters must fit the architecture, and a forward pass must give
     * finite images of the right shape. Throws {@link MalformedEventException} naming the problem otherwise.
     */
    public static LoadedGenerator load(RunSpec spec, long step, byte[] generatorParameters) {
        return load(spec, step, generatorParameters, DEFAULT_QUEUED_PASSES);
    }

    /** As {@link #load(RunSpec, long, byte[])}, queueing at most {@code queuedPasses} passes' worth of images. */
    public static LoadedGenerator load(RunSpec spec, long step, byte[] generatorParameters, int queuedPasses) {
        Torch.disableGradientsOnThisThread();
        NDManager manager = NDManager.newBaseManager();
        try {
            GanModel model = GanModels.named(spec.model());
            Block generator = model.generator();
            BlockBytes.load(generator, manager, generatorParameters);
            generator.initialize(manager, DataType.FLOAT32, model.generatorInputShapes(1, spec.latentSize()));
            LoadedGenerator loaded = new LoadedGenerator(
                    model, spec, step, manager, generator, generatorParameters.length, queuedPasses);
            loaded.verify();
            return loaded;
        } catch (RuntimeException e) {
            manager.close();
            throw e instanceof MalformedEventException
                    ? e
                    : new MalformedEventException(
                            "generator of run " + spec.runId() + " at step " + step + " cannot run: " + e.getMessage());
        }
    }

    /**
     * One image per class must come out with the right size, and the same from the inference form as from the
     * network layer by layer: a model's faster inference form is checked against the weights it serves.
     */
    private void verify() {
        long[] labels = SampleGrid.labels(classes(), 1);
        byte[] pixels = generate(labels, 0L);
        int expected = classes() * channels() * imageSide() * imageSide();
        if (pixels.length != expected) {
            throw new MalformedEventException("generator of run " + spec.runId() + " at step " + step + " gives "
                    + pixels.length + " pixel bytes for its sample images, expected " + expected);
        }
        float[] noise = Noise.gaussian(0L, labels.length, spec.latentSize());
        byte[] layerByLayer = ImageGeneration.generate(
                InferenceGenerator.layers(model, generator, parameters), manager, spec.latentSize(), labels, noise);
        int differs = largestDifference(pixels, layerByLayer);
        if (differs > INFERENCE_FORM_TOLERANCE) {
            throw new MalformedEventException("generator of run " + spec.runId() + " at step " + step
                    + ": its inference form differs from the network by " + differs + " pixel levels");
        }
    }

    private static int largestDifference(byte[] pixels, byte[] others) {
        int largest = 0;
        for (int i = 0; i < pixels.length; i++) {
            largest = Math.max(largest, Math.abs(Byte.toUnsignedInt(pixels[i]) - Byte.toUnsignedInt(others[i])));
        }
        return largest;
    }

    /**
     * uint8 pixels of one image per label, NCHW. Concurrent requests share forward passes ({@link CombinedPasses});
     * each image depends only on its label and its row of the seed's noise, not on what it shared a pass with.
     */
    public byte[] generate(long[] labels, long seed) {
        return generate(labels, seed, () -> true);
    }

    /**
     * As {@link #generate(long[], long)} for a caller that may go away: once {@code wanted} says no, the images not
     * yet made are dropped (CancellationException). Throws {@link GenerationBusyException} when the queue is full.
     */
    public byte[] generate(long[] labels, long seed, BooleanSupplier wanted) {
        return passes.generate(labels, Noise.gaussian(seed, labels.length, spec.latentSize()), wanted);
    }

    /** The size of its parameters: what it is counted as when samplers budget the generators they keep. */
    public long parameterBytes() {
        return parameterBytes;
    }

    private byte[] pass(float[] noise, long[] labels) {
        return ImageGeneration.generate(inference, manager, spec.latentSize(), labels, noise);
    }

    public RunSpec spec() {
        return spec;
    }

    public long step() {
        return step;
    }

    public int classes() {
        return GanTraining.CLASSES;
    }

    public int channels() {
        return model.channels();
    }

    public int imageSide() {
        return model.imageSide();
    }

    @Override
    public void close() {
        manager.close();
    }
}
