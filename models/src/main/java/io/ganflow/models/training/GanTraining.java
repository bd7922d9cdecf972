package io.ganflow.models.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import io.ganflow.events.CheckpointParts;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.RunSpec;
import io.ganflow.events.TrainingState;
import io.ganflow.models.GanModel;
import io.ganflow.models.GanModels;
import io.ganflow.models.InferenceGenerator;
import io.ganflow.models.image.Png;
import io.ganflow.models.image.SampleGrid;
import io.ganflow.models.layers.Torch;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A GAN being trained: both networks, both optimisers, one step at a time. The step reads
 * like pytorch/examples' DCGAN: update D on a real batch and a detached fake batch, then update G through D with
 * the non-saturating loss. Not thread-safe: one training thread owns it (DJL's gradient collector is JVM-global).
 */
public final class GanTraining implements RunTraining {

    /** Every data set the catalog knows has 10 classes; fake labels are drawn from them. */
    public static final int CLASSES = 10;

    private static final Loss BCE_WITH_LOGITS = Loss.sigmoidBinaryCrossEntropyLoss();

    private final GanModel model;
    private final RunSpec spec;
    private final NDManager manager;
    private final Block generator;
    private final Block discriminator;
    private final ParameterStore parameters;
    private final Adam generatorOptimizer;
    private final Adam discriminatorOptimizer;

    private GanTraining(GanModel model, RunSpec spec, Block generator, Block discriminator, NDManager manager) {
        this.model = model;
        this.spec = spec;
        this.manager = manager;
        this.generator = generator;
        this.discriminator = discriminator;
        this.parameters = new ParameterStore(manager, false);
        generator.initialize(manager, DataType.FLOAT32, model.generatorInputShapes(1, spec.latentSize()));
        discriminator.initialize(manager, DataType.FLOAT32, model.discriminatorInputShapes(1));
        generatorOptimizer = new Adam(manager, generator, spec.learningRate(), spec.beta1(), spec.beta2());
        discriminatorOptimizer = new Adam(manager, discriminator, spec.learningRate(), spec.beta1(), spec.beta2());
    }

    /** Fresh networks, weights drawn from N(0, 0.02) with the run's seed. */
    public static GanTraining start(RunSpec spec) {
        Torch.disableGradientsOnThisThread();
        Engine.getInstance().setRandomSeed((int) Noise.stepSeed(spec.seed(), -1));
        GanModel model = GanModels.named(spec.model());
        Block generator = model.generator();
        Block discriminator = model.discriminator();
        for (Block network : new Block[] {generator, discriminator}) {
            network.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
            // Label embeddings are lookup tables, not layers: N(0, 1) as PyTorch's nn.Embedding. At N(0, 0.02) the
            // label map came out ~200x weaker than the batch-normalised noise channels and G ignored the class.
            network.setInitializer(new NormalInitializer(1f), p -> p.getName().equals("embedding"));
        }
        return new GanTraining(model, spec, generator, discriminator, NDManager.newBaseManager());
    }

    /** Networks and optimisers exactly as a checkpoint saved them. */
    public static GanTraining resume(RunSpec spec, TrainingSnapshot snapshot) {
        Torch.disableGradientsOnThisThread();
        NDManager manager = NDManager.newBaseManager();
        GanModel model = GanModels.named(spec.model());
        Block generator = model.generator();
        Block discriminator = model.discriminator();
        BlockBytes.load(generator, manager, snapshot.generator());
        BlockBytes.load(discriminator, manager, snapshot.discriminator());
        GanTraining training = new GanTraining(model, spec, generator, discriminator, manager);
        training.generatorOptimizer.loadState(snapshot.generatorOptimizer());
        training.discriminatorOptimizer.loadState(snapshot.discriminatorOptimizer());
        return training;
    }

    /** One D update and one G update on {@code batch}; {@code step} fixes this step's noise and dropout. */
    @Override
    public StepResult step(ImageBatch batch, long step) {
        long seed = Noise.stepSeed(spec.seed(), step);
        Engine.getInstance().setRandomSeed((int) seed);
        int n = batch.size();
        try (NDManager scope = manager.newSubManager()) {
            NDArray real = ImageTensors.images(scope, batch);
            NDArray realLabels = ImageTensors.labels(scope, batch);
            NDArray z = scope.create(Noise.gaussian(seed, n, spec.latentSize()), new Shape(n, spec.latentSize()));
            NDArray fakeLabels = scope.create(Noise.labels(seed, n, CLASSES));
            NDArray ones = scope.ones(new Shape(n, 1));
            NDArray zeros = scope.zeros(new Shape(n, 1));

            NDArray fake;
            double lossD;
            double dReal;
            double dFake;
            discriminatorOptimizer.zeroGradients();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                fake = generator
                        .forward(parameters, model.generatorInputs(z, fakeLabels), true)
                        .singletonOrThrow();
                NDArray realLogits = discriminate(real, realLabels);
                NDArray fakeLogits = discriminate(fake.stopGradient(), fakeLabels);
                NDArray loss = bce(realLogits, ones).add(bce(fakeLogits, zeros));
                collector.backward(loss);
                lossD = loss.getFloat();
                dReal = realLogits.getNDArrayInternal().sigmoid().mean().getFloat();
                dFake = fakeLogits.getNDArrayInternal().sigmoid().mean().getFloat();
            }
            discriminatorOptimizer.step();

            double lossG;
            generatorOptimizer.zeroGradients();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                // non-saturating generator loss: label the fakes real; D's gradients from this pass are cleared
                // by its zeroGradients() before its next update
                NDArray loss = bce(discriminate(fake, fakeLabels), ones);
                collector.backward(loss);
                lossG = loss.getFloat();
            }
            generatorOptimizer.step();
            return new StepResult(lossD, lossG, dReal, dFake);
        }
    }

    /** Images for {@code labels} from noise drawn with {@code seed}, generated in inference mode. */
    public byte[] generate(long[] labels, long seed) {
        return ImageGeneration.generate(
                InferenceGenerator.layers(model, generator, parameters), manager, spec.latentSize(), labels, seed);
    }

    public GanModel model() {
        return model;
    }

    public TrainingSnapshot snapshot() {
        return new TrainingSnapshot(
                BlockBytes.save(generator),
                BlockBytes.save(discriminator),
                generatorOptimizer.saveState(),
                discriminatorOptimizer.saveState());
    }

    /** Both networks, both optimisers, and the fixed-noise sample grid (rows = classes) drawn with the run's seed. */
    @Override
    public Map<String, byte[]> checkpointParts(TrainingState state, int gridColumns) {
        TrainingSnapshot snapshot = snapshot();
        byte[] grid = generate(SampleGrid.labels(CLASSES, gridColumns), spec.seed());
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put(CheckpointParts.GENERATOR, snapshot.generator());
        parts.put(CheckpointParts.DISCRIMINATOR, snapshot.discriminator());
        parts.put(CheckpointParts.GENERATOR_OPTIMIZER, snapshot.generatorOptimizer());
        parts.put(CheckpointParts.DISCRIMINATOR_OPTIMIZER, snapshot.discriminatorOptimizer());
        parts.put(
                CheckpointParts.SAMPLES,
                Png.grid(
                        grid,
                        CLASSES * gridColumns,
                        model.channels(),
                        model.imageSide(),
                        model.imageSide(),
                        gridColumns));
        return parts;
    }

    private NDArray discriminate(NDArray images, NDArray labels) {
        return discriminator
                .forward(parameters, model.discriminatorInputs(images, labels), true)
                .singletonOrThrow();
    }

    private static NDArray bce(NDArray logits, NDArray targets) {
        return BCE_WITH_LOGITS.evaluate(new NDList(targets), new NDList(logits));
    }

    @Override
    public void close() {
        generatorOptimizer.close();
        discriminatorOptimizer.close();
        manager.close();
    }
}
