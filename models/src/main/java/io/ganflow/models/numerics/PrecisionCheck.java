package io.ganflow.models.numerics;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import io.ganflow.events.Catalog;
import io.ganflow.models.GanModel;
import io.ganflow.models.GanModels;
import io.ganflow.models.InferenceGenerator;
import io.ganflow.models.classifier.ClassifierShape;
import io.ganflow.models.classifier.ReferenceClassifier;
import io.ganflow.models.layers.LayerWalk;
import io.ganflow.models.training.RunTrainings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every layer of a network, forward and backward, in float32 against the same layer with the same weights in
 * float64. The libtorch that DJL bundles has computed some float32 convolutions wrongly, silently, on some CPUs
 * (STACK.md): this finds out on the machine at hand, for each way of computing convolutions that a service may
 * choose ({@link NumericsSelection}).
 */
public final class PrecisionCheck {

    /** Relative to the largest value of the float64 result. */
    public static final double TOLERANCE = 1e-3;

    private static final int N = 16;

    private PrecisionCheck() {}

    /**
     * What disagrees in every layer the platform runs: both networks of every GAN model, each model's inference form
     * (served and measured), and every reference classifier. Empty when float32 can be trusted here.
     */
    public static List<String> everything() {
        List<String> disagreements = allModels();
        for (GanModel model : GanModels.ALL) {
            disagreements.addAll(inferenceForm(model));
        }
        disagreements.addAll(allClassifiers());
        return disagreements;
    }

    /** What disagrees in any network of any GAN model; empty when float32 can be trusted here. */
    public static List<String> allModels() {
        List<String> disagreements = new ArrayList<>();
        for (GanModel model : GanModels.ALL) {
            disagreements.addAll(network(model, true));
            disagreements.addAll(network(model, false));
        }
        return disagreements;
    }

    /** What disagrees in the reference classifier of each classifier family in the catalog. */
    public static List<String> allClassifiers() {
        List<String> disagreements = new ArrayList<>();
        for (String name : Catalog.modelNames()) {
            Catalog.Model family = Catalog.model(name).orElseThrow();
            if (!family.isGan()) {
                disagreements.addAll(classifier(RunTrainings.shape(family)));
            }
        }
        return disagreements;
    }

    /** What disagrees in the reference classifier for images of {@code shape}. */
    public static List<String> classifier(ClassifierShape shape) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomUniform(-1, 1, new Shape(N, shape.channels(), shape.side(), shape.side()));
            String name = "reference classifier " + shape.channels() + "x" + shape.side() + "x" + shape.side();
            return layers(
                    manager,
                    name,
                    () -> ReferenceClassifier.network(shape.classes()),
                    new NDList(x.toType(DataType.FLOAT64, false)));
        }
    }

    /** What disagrees in one model's generator or discriminator. */
    public static List<String> network(GanModel model, boolean generator) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray labels = manager.randomInteger(0, 10, new Shape(N), DataType.INT64);
            NDArray x = generator
                    ? manager.randomNormal(new Shape(N, model.descriptor().defaultLatentSize()))
                    : manager.randomUniform(-1, 1, model.imageShape(N));
            NDArray x64 = x.toType(DataType.FLOAT64, false);
            NDList inputs = generator ? model.generatorInputs(x64, labels) : model.discriminatorInputs(x64, labels);
            String name = model.descriptor().name() + (generator ? " generator" : " discriminator");
            return layers(manager, name, generator ? model::generator : model::discriminator, inputs);
        }
    }

    /**
     * What disagrees between a model's inference form ({@link GanModel#inferenceGenerator}) in float32 and its
     * generator layer by layer in float64, with batch norm statistics like a trained network's.
     */
    public static List<String> inferenceForm(GanModel model) {
        try (NDManager manager = NDManager.newBaseManager()) {
            int latent = model.descriptor().defaultLatentSize();
            Shape[] shapes = model.generatorInputShapes(N, latent);
            Block network32 = initialized(manager, model.generator(), DataType.FLOAT32, shapes);
            TrainedStatistics.giveBatchNorms(network32, 7);
            Block network64 = initialized(manager, model.generator(), DataType.FLOAT64, shapes);
            copyParameters(network32, network64);
            ParameterStore parameters = new ParameterStore(manager, false);
            NDArray z = manager.randomNormal(new Shape(N, latent));
            NDArray labels = manager.randomInteger(0, 10, new Shape(N), DataType.INT64);
            NDArray expected = InferenceGenerator.layers(model, network64, parameters)
                    .images(z.toType(DataType.FLOAT64, false), labels);
            NDArray actual =
                    model.inferenceGenerator(network32, parameters, manager).images(z, labels);
            List<String> disagreements = new ArrayList<>();
            compare(
                    model.descriptor().name() + " inference form",
                    actual.toType(DataType.FLOAT64, false),
                    expected,
                    disagreements);
            return disagreements;
        }
    }

    /** Compares each leaf layer of the block {@code factory} makes, fed float64 {@code inputs64}. */
    public static List<String> layers(NDManager manager, String name, Supplier<Block> factory, NDList inputs64) {
        Block model32 = initialized(manager, factory.get(), DataType.FLOAT32, inputs64.getShapes());
        Block model64 = initialized(manager, factory.get(), DataType.FLOAT64, inputs64.getShapes());
        copyParameters(model32, model64);
        List<Block> twins = LayerWalk.leaves(model32);
        ParameterStore parameters = new ParameterStore(manager, false);
        List<String> disagreements = new ArrayList<>();
        int[] index = {0};
        LayerWalk.walk(model64, inputs64, (layer64, x64) -> {
            Block layer32 = twins.get(index[0]++);
            String layer = name + " layer " + index[0] + " ("
                    + layer64.getClass().getSimpleName() + ", input " + x64.getShape() + ")";
            // each layer's arrays in a scope of their own (arrays belong to their first operand's manager, so the
            // scope owns a copy of the input), only the output carried on: a whole network's would take ~1 GB
            try (NDManager scope = manager.newSubManager()) {
                NDArray input = representableInFloat32(x64);
                input.attach(scope);
                LayerRun run64 = LayerRun.of(parameters, layer64, input, DataType.FLOAT64, scope);
                // twice: kernels that read memory they never wrote are right on one run and wrong on the next
                for (int run = 0; run < 2; run++) {
                    LayerRun run32 = LayerRun.of(parameters, layer32, input, DataType.FLOAT32, scope);
                    String what = layer + (run == 0 ? "" : " (second run)");
                    List<String> found = new ArrayList<>();
                    compare(what + " output", run32.output, run64.output, found);
                    compare(what + " input gradient", run32.inputGradient, run64.inputGradient, found);
                    for (int p = 0; p < run64.parameterGradients.size(); p++) {
                        compare(
                                what + " parameter " + p + " gradient",
                                run32.parameterGradients.get(p),
                                run64.parameterGradients.get(p),
                                found);
                    }
                    disagreements.addAll(found);
                    if (!found.isEmpty()) {
                        break;
                    }
                }
                run64.output.attach(manager);
                return run64.output;
            }
        });
        if (index[0] != twins.size()) {
            disagreements.add(name + ": " + index[0] + " of " + twins.size() + " layers visited");
        }
        return disagreements;
    }

    /**
     * A copy of {@code x64} with its values rounded to float32, so that both precisions compute on the very same
     * input and only the layer's own arithmetic is compared. Unrounded, two values of a max pool's window that differ
     * in float64 but not in float32 send the gradient to different inputs: a disagreement of the whole gradient that
     * the layer did not make (it stopped a trainer from starting once in the e2e tests).
     */
    private static NDArray representableInFloat32(NDArray x64) {
        if (x64.getDataType() != DataType.FLOAT64) {
            return x64.duplicate();
        }
        try (NDArray x32 = x64.toType(DataType.FLOAT32, true)) {
            return x32.toType(DataType.FLOAT64, true);
        }
    }

    /** One layer's forward and backward pass on a float64 input cast to the layer's type. */
    private record LayerRun(NDArray output, NDArray inputGradient, List<NDArray> parameterGradients) {

        static LayerRun of(ParameterStore parameters, Block layer, NDArray input64, DataType type, NDManager scope) {
            boolean ids = input64.getDataType() == DataType.INT64;
            NDArray x = ids ? input64 : input64.toType(type, true);
            if (!ids) {
                x.setRequiresGradient(true);
            }
            zeroParameterGradients(layer);
            // Dropout is random by design: compare it in inference mode, where it is the identity.
            boolean training = !(layer instanceof Dropout);
            NDArray y;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                y = layer.forward(parameters, new NDList(x), training).singletonOrThrow();
                // the same fixed weights in both precisions, computed in float64
                NDArray weights = y.getManager()
                        .arange(0, (int) y.size(), 1, DataType.FLOAT64)
                        .mul(0.37)
                        .sin()
                        .reshape(y.getShape())
                        .toType(type, false);
                collector.backward(y.mul(weights).sum());
            }
            NDArray inputGradient = ids ? null : x.getGradient().toType(DataType.FLOAT64, false);
            List<NDArray> gradients = new ArrayList<>();
            for (Parameter parameter : layer.getParameters().values()) {
                if (parameter.requiresGradient()) {
                    try (NDArray gradient = parameter.getArray().getGradient()) {
                        NDArray gradient64 = gradient.toType(DataType.FLOAT64, true);
                        gradient64.attach(scope);
                        gradients.add(gradient64);
                    }
                }
            }
            return new LayerRun(y.stopGradient().toType(DataType.FLOAT64, false), inputGradient, gradients);
        }
    }

    /** Gradients accumulate: a layer run again must start from zero. */
    private static void zeroParameterGradients(Block layer) {
        for (Parameter parameter : layer.getParameters().values()) {
            NDArray array = parameter.getArray();
            if (parameter.requiresGradient() && array.hasGradient()) {
                try (NDArray gradient = array.getGradient()) {
                    gradient.subi(gradient);
                }
            }
        }
    }

    private static void compare(String what, NDArray actual, NDArray expected, List<String> disagreements) {
        if (expected == null) {
            return;
        }
        double scale = expected.abs().max().getDouble() + 1e-6;
        double error = actual.sub(expected).abs().max().getDouble() / scale;
        if (!(error <= TOLERANCE)) {
            disagreements.add(what + ": float32 differs from float64 by " + error + " of the largest value");
        }
    }

    private static Block initialized(NDManager manager, Block block, DataType type, Shape[] inputShapes) {
        block.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        block.initialize(manager, type, inputShapes);
        return block;
    }

    private static void copyParameters(Block from, Block to) {
        List<Parameter> source = from.getParameters().values();
        List<Parameter> target = to.getParameters().values();
        for (int i = 0; i < source.size(); i++) {
            target.get(i)
                    .getArray()
                    .set(source.get(i)
                            .getArray()
                            .toType(DataType.FLOAT64, false)
                            .toDoubleArray());
        }
    }
}
