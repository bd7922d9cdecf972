package io.ganflow.models.serving;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.RunSpec;
import io.ganflow.models.cgan.ConditionalGan;
import io.ganflow.models.image.SampleGrid;
import io.ganflow.models.layers.Torch;
import io.ganflow.models.training.BlockBytes;
import io.ganflow.models.training.ImageGeneration;

/**
 * A generator loaded from a checkpoint for serving. Generation is deterministic: the same checkpoint, labels and
 * seed give the same pixels on every replica.
 */
public final class LoadedGenerator implements AutoCloseable {

    private final RunSpec spec;
    private final long step;
    private final NDManager manager;
    private final Block generator;
    private final ParameterStore parameters;

    private LoadedGenerator(RunSpec spec, long step, NDManager manager, Block generator) {
        this.spec = spec;
        this.step = step;
        this.manager = manager;
        this.generator = generator;
        this.parameters = new ParameterStore(manager, false);
    }

    /**
     * Loads and verifies a generator: its parameters must fit the architecture, and a forward pass must give
     * finite images of the right shape. Throws {@link MalformedEventException} naming the problem otherwise.
     */
    public static LoadedGenerator load(RunSpec spec, long step, byte[] generatorParameters) {
        Torch.disableGradientsOnThisThread();
        NDManager manager = NDManager.newBaseManager();
        try {
            Block generator = ConditionalGan.generator();
            BlockBytes.load(generator, manager, generatorParameters);
            generator.initialize(
                    manager, DataType.FLOAT32, ConditionalGan.generatorInput(1, spec.latentSize()), new Shape(1));
            LoadedGenerator loaded = new LoadedGenerator(spec, step, manager, generator);
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

    private void verify() {
        byte[] pixels = generate(SampleGrid.labels(ConditionalGan.CLASSES, 1), 0L);
        int expected = ConditionalGan.CLASSES
                * ConditionalGan.CHANNELS
                * ConditionalGan.IMAGE_SIDE
                * ConditionalGan.IMAGE_SIDE;
        if (pixels.length != expected) {
            throw new MalformedEventException("generator of run " + spec.runId() + " at step " + step + " gives "
                    + pixels.length + " pixel bytes for 10 images, expected " + expected);
        }
    }

    /** uint8 pixels of one image per label, NCHW. */
    public byte[] generate(long[] labels, long seed) {
        return ImageGeneration.generate(generator, parameters, manager, spec.latentSize(), labels, seed);
    }

    public RunSpec spec() {
        return spec;
    }

    public long step() {
        return step;
    }

    public int classes() {
        return ConditionalGan.CLASSES;
    }

    public int channels() {
        return ConditionalGan.CHANNELS;
    }

    public int imageSide() {
        return ConditionalGan.IMAGE_SIDE;
    }

    @Override
    public void close() {
        manager.close();
    }
}
