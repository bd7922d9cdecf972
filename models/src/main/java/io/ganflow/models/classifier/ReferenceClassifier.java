package io.ganflow.models.classifier;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import io.ganflow.models.layers.Conv2dLayer;

/**
 * The reference classifier of a data set, the yardstick for generated images: a small VGG-style CNN, two stages of
 * (conv 3x3, batch norm, ReLU) twice and max-pool 2, with 32 then 64 filters, then flatten, Dense 128 and ReLU (the
 * features), dropout 0.3 and Dense to the classes' logits. It fits any image side (28x28x1 and 32x32x3 alike). Quality is
 * measured in its 128 features, as FID measures in Inception's 2048 (whose weights cannot be had here).
 */
public final class ReferenceClassifier {

    /** The size of the feature space (the penultimate layer). */
    public static final int FEATURES = 128;

    private static final float DROPOUT = 0.3f;

    private ReferenceClassifier() {}

    /** Images [N, C, H, W] in [-1, 1] to features [N, 128]. */
    public static Block features() {
        SequentialBlock block = new SequentialBlock();
        for (int filters : new int[] {32, 64}) {
            for (int layer = 0; layer < 2; layer++) {
                block.add(convolution(filters)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
            }
            block.add(Pool.maxPool2dBlock(new Shape(2, 2)));
        }
        return block.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(FEATURES).build())
                .add(Activation.reluBlock());
    }

    /** Features [N, 128] to logits [N, classes]. */
    public static Block head(int classes) {
        return new SequentialBlock()
                .add(Dropout.builder().optRate(DROPOUT).build())
                .add(Linear.builder().setUnits(classes).build());
    }

    /** The whole network: its first child is {@link #features()}, its second {@link #head(int)}. */
    public static SequentialBlock network(int classes) {
        return new SequentialBlock().add(features()).add(head(classes));
    }

    private static Block convolution(int filters) {
        return Conv2dLayer.of(filters, 3, 1, 1);
    }
}
