package io.ganflow.models.dcgan;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import io.ganflow.models.layers.ClassEmbedding;
import io.ganflow.models.layers.Conv2dLayer;
import io.ganflow.models.layers.Reshape;
import io.ganflow.models.layers.TransposedConv2d;

/**
 * The tutorial's DCGAN for 32x32x3 images, as parts that the unconditional and the conditional family share:
 * G upsamples 2x2x512 through 4x4x256, 8x8x128 and 16x16x64 to 32x32x3 with transposed convolutions; D mirrors it
 * with stride-2 convolutions down to 2x2x512, then a dense logit.
 */
final class DcganBlocks {

    static final float LEAKY_SLOPE = 0.2f;
    static final int CLASSES = 10;
    static final int LABEL_EMBEDDING = 50;

    private DcganBlocks() {}

    /** z to the 2x2x512 seed of the image: Dense 2048, batch norm, ReLU. */
    static Block noiseToSeed() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(2 * 2 * 512).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(new Reshape(512, 2, 2));
    }

    /** 2x2 -> 4x4x256 -> 8x8x128 -> 16x16x64 -> 32x32x3, tanh; no batch norm on the output layer. */
    static Block upsampler() {
        SequentialBlock block = new SequentialBlock();
        for (int filters : new int[] {256, 128, 64}) {
            block.add(TransposedConv2d.doubling(filters))
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock());
        }
        return block.add(TransposedConv2d.doubling(3)).add(Activation.tanhBlock());
    }

    /** 32x32 -> 16x16x64 -> 8x8x128 -> 4x4x256 -> 2x2x512 -> flatten 2048 -> Dense 1; no batch norm on the input. */
    static Block downsampler() {
        SequentialBlock block = new SequentialBlock();
        int[] filters = {64, 128, 256, 512};
        for (int i = 0; i < filters.length; i++) {
            block.add(halving(filters[i]));
            if (i > 0) {
                block.add(BatchNorm.builder().build());
            }
            block.add(Activation.leakyReluBlock(LEAKY_SLOPE));
        }
        return block.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(1).build());
    }

    /** A class label as one extra channel of the given side: Embedding(10, 50), Dense side*side, reshape. */
    static Block labelMap(int side) {
        return new SequentialBlock()
                .add(new ClassEmbedding(CLASSES, LABEL_EMBEDDING))
                .add(Linear.builder().setUnits(side * side).build())
                .add(new Reshape(1, side, side));
    }

    private static Block halving(int filters) {
        return Conv2dLayer.of(filters, 3, 2, 1);
    }
}
