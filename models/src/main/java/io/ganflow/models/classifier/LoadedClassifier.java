package io.ganflow.models.classifier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.ganflow.models.layers.Torch;
import io.ganflow.models.training.BlockBytes;
import io.ganflow.models.training.ImageTensors;
import java.util.Arrays;

/**
 * A trained reference classifier, for measuring: images to their features and class probabilities, in inference mode
 * (batch norm on its running statistics, no dropout). Deterministic. Not thread-safe.
 */
public final class LoadedClassifier implements AutoCloseable {

    private static final int CHUNK = 500;

    private final ClassifierShape shape;
    private final NDManager manager;
    private final Block features;
    private final Block head;
    private final ParameterStore parameters;

    /** What the classifier makes of {@code count} images: row i belongs to image i. */
    public record Classified(double[][] features, double[][] probabilities) {

        public int count() {
            return features.length;
        }

        /** The most probable class of image {@code i}. */
        public int predicted(int i) {
            double[] p = probabilities[i];
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            return best;
        }

        /**
         * The same images judged among the first {@code classes} classes only (a data set of fewer classes than the
         * classifier has outputs): each image's probabilities of those classes, scaled to sum to 1.
         */
        public Classified among(int classes) {
            int outputs = probabilities.length == 0 ? classes : probabilities[0].length;
            if (classes < 1 || classes > outputs) {
                throw new IllegalArgumentException(classes + " classes of a classifier of " + outputs + " outputs");
            }
            double[][] kept = new double[probabilities.length][];
            for (int i = 0; i < probabilities.length; i++) {
                double[] p = Arrays.copyOf(probabilities[i], classes);
                double sum = Arrays.stream(p).sum();
                for (int c = 0; c < classes; c++) {
                    p[c] = sum > 0 ? p[c] / sum : 1.0 / classes;
                }
                kept[i] = p;
            }
            return new Classified(features, kept);
        }
    }

    /** Loads parameters saved by {@link ClassifierTraining#parameters()}. */
    public static LoadedClassifier load(ClassifierShape shape, byte[] parameters) {
        Torch.disableGradientsOnThisThread();
        NDManager manager = NDManager.newBaseManager();
        try {
            SequentialBlock network = ReferenceClassifier.network(shape.classes());
            BlockBytes.load(network, manager, parameters);
            return new LoadedClassifier(shape, manager, network);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private LoadedClassifier(ClassifierShape shape, NDManager manager, SequentialBlock network) {
        this.shape = shape;
        this.manager = manager;
        this.features = network.getChildren().get(0).getValue();
        this.head = network.getChildren().get(1).getValue();
        this.parameters = new ParameterStore(manager, false);
    }

    public ClassifierShape shape() {
        return shape;
    }

    /** {@code pixels}: {@code count} uint8 CHW images of this classifier's shape, back to back. */
    public Classified classify(byte[] pixels, int count) {
        if (pixels.length != count * shape.imageBytes()) {
            throw new IllegalArgumentException(
                    pixels.length + " bytes are not " + count + " images of " + shape.imageBytes() + " bytes");
        }
        double[][] featureRows = new double[count][];
        double[][] probabilityRows = new double[count][];
        for (int from = 0; from < count; from += CHUNK) {
            int n = Math.min(CHUNK, count - from);
            try (NDManager scope = manager.newSubManager()) {
                NDArray images = ImageTensors.images(
                        scope,
                        Arrays.copyOfRange(pixels, from * shape.imageBytes(), (from + n) * shape.imageBytes()),
                        shape.imageShape(n));
                NDArray f =
                        features.forward(parameters, new NDList(images), false).singletonOrThrow();
                NDArray p = head.forward(parameters, new NDList(f), false)
                        .singletonOrThrow()
                        .softmax(1);
                copyRows(f, featureRows, from, n, ReferenceClassifier.FEATURES);
                copyRows(p, probabilityRows, from, n, shape.classes());
            }
        }
        return new Classified(featureRows, probabilityRows);
    }

    private static void copyRows(NDArray array, double[][] rows, int from, int n, int width) {
        float[] values = array.toType(DataType.FLOAT32, false).toFloatArray();
        for (int i = 0; i < n; i++) {
            double[] row = new double[width];
            for (int j = 0; j < width; j++) {
                row[j] = values[i * width + j];
            }
            rows[from + i] = row;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
