package io.ganflow.models.classifier;

import io.ganflow.events.ImageBatch;
import java.util.Random;

/**
 * Trains a reference classifier in this process on images held in memory, with the pipeline's recipe
 * ({@link ClassifierTraining}: shifts, Adam, cosine learning rate) and a fresh shuffle per epoch; for measurements
 * that need a classifier of their own (a Classification Accuracy Score) and for tests. A set smaller than a batch is
 * one batch of all of it.
 */
public final class ClassifierFit {

    private static final int BATCH = 128;
    private static final double LEARNING_RATE = 1e-3;

    private ClassifierFit() {}

    /** {@code count} images ({@code pixels}: uint8, channels x side x side each) with their {@code labels}. */
    public static LoadedClassifier fit(ClassifierShape shape, byte[] pixels, int[] labels, int epochs, long seed) {
        int count = labels.length;
        int batch = Math.min(BATCH, count);
        int batchesInEpoch = count / batch;
        try (ClassifierTraining training = ClassifierTraining.start(shape, LEARNING_RATE, epochs, seed)) {
            long step = 0;
            for (int epoch = 0; epoch < epochs; epoch++) {
                int[] order = shuffled(count, new Random(seed * 31 + epoch));
                for (int index = 0; index < batchesInEpoch; index++) {
                    training.step(batch(shape, pixels, labels, order, index, batch, epoch, batchesInEpoch), step++);
                }
            }
            return LoadedClassifier.load(shape, training.parameters());
        }
    }

    /** Epochs that give a set of {@code count} images at least {@code steps} steps, and never fewer than {@code epochs}. */
    public static int epochsForSteps(int count, int steps, int epochs) {
        int batchesInEpoch = Math.max(1, count / Math.min(BATCH, Math.max(1, count)));
        return Math.max(epochs, (steps + batchesInEpoch - 1) / batchesInEpoch);
    }

    private static ImageBatch batch(
            ClassifierShape shape,
            byte[] pixels,
            int[] labels,
            int[] order,
            int index,
            int size,
            int epoch,
            int batchesInEpoch) {
        int imageBytes = shape.channels() * shape.side() * shape.side();
        byte[] batchPixels = new byte[size * imageBytes];
        int[] batchLabels = new int[size];
        for (int i = 0; i < size; i++) {
            int image = order[index * size + i];
            System.arraycopy(pixels, image * imageBytes, batchPixels, i * imageBytes, imageBytes);
            batchLabels[i] = labels[image];
        }
        return new ImageBatch(
                "classifier-fit",
                epoch,
                index,
                batchesInEpoch,
                shape.channels(),
                shape.side(),
                shape.side(),
                batchLabels,
                batchPixels);
    }

    private static int[] shuffled(int count, Random random) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
