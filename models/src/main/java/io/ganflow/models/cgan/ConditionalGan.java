package io.ganflow.models.cgan;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.ganflow.events.Catalog;
import io.ganflow.models.GanModel;
import io.ganflow.models.InferenceGenerator;
import io.ganflow.models.layers.ClassEmbedding;
import io.ganflow.models.layers.Conv2dLayer;
import io.ganflow.models.layers.LabelConditioned;
import io.ganflow.models.layers.Reshape;
import io.ganflow.models.layers.SameConv2d;
import io.ganflow.models.layers.TransposedConv2d;

/**
 * The tutorial's conditional GAN for Fashion-MNIST (28x28x1, 10 classes), layer by layer as in DESIGN.md, with its
 * tips: ReLU in G except the tanh output, LeakyReLU 0.2 in D, strided convolutions instead of pooling, transposed
 * convolutions to upsample, batch norm except on G's output and D's input layer.
 */
public final class ConditionalGan implements GanModel {

    private static final int CLASSES = 10;
    private static final int IMAGE_SIDE = 28;
    private static final int CHANNELS = 1;
    private static final int LABEL_EMBEDDING = 50;
    private static final float LEAKY_SLOPE = 0.2f;
    /** The generator's first feature map: SEED_CHANNELS x SEED_SIDE x SEED_SIDE, doubled twice to 28x28. */
    static final int SEED_CHANNELS = 128;

    static final int SEED_SIDE = 7;
    /** DJL's default, written out because folding batch norms for inference needs it. */
    static final float BATCH_NORM_EPSILON = 1e-5f;

    @Override
    public Catalog.Model descriptor() {
        return Catalog.CGAN_FASHION_MNIST;
    }

    /** (z [N, latent], labels [N] int64) to images [N, 1, 28, 28] in [-1, 1]. */
    @Override
    public int imagesPerServingPass() {
        return 128;
    }

    @Override
    public Block generator() {
        Block noisePath = new SequentialBlock()
                .add(Linear.builder()
                        .setUnits(SEED_CHANNELS * SEED_SIDE * SEED_SIDE)
                        .build())
                .add(batchNorm())
                .add(Activation.reluBlock())
                .add(new Reshape(SEED_CHANNELS, SEED_SIDE, SEED_SIDE));
        Block labelPath = new SequentialBlock()
                .add(embedding())
                .add(Linear.builder().setUnits(SEED_SIDE * SEED_SIDE).build())
                .add(new Reshape(1, SEED_SIDE, SEED_SIDE));
        Block upsampler = new SequentialBlock()
                .add(TransposedConv2d.doubling(128)) // 7x7x129 -> 14x14x128
                .add(batchNorm())
                .add(Activation.reluBlock())
                .add(TransposedConv2d.doubling(128)) // -> 28x28x128
                .add(batchNorm())
                .add(Activation.reluBlock())
                .add(new SameConv2d(CHANNELS, 7, 4)) // -> 28x28x1
                .add(Activation.tanhBlock());
        return new LabelConditioned(noisePath, labelPath, upsampler);
    }

    /** (images [N, 1, 28, 28], labels [N] int64) to logits [N, 1]: how real the image looks for that class. */
    @Override
    public Block discriminator() {
        Block labelPath = new SequentialBlock()
                .add(embedding())
                .add(Linear.builder().setUnits(IMAGE_SIDE * IMAGE_SIDE).build())
                .add(new Reshape(1, IMAGE_SIDE, IMAGE_SIDE));
        Block downsampler = new SequentialBlock()
                .add(halving()) // 28x28x2 -> 14x14x128, no batch norm on the input layer
                .add(Activation.leakyReluBlock(LEAKY_SLOPE))
                .add(halving()) // -> 7x7x128
                .add(BatchNorm.builder().build())
                .add(Activation.leakyReluBlock(LEAKY_SLOPE))
                .add(Blocks.batchFlattenBlock())
                .add(Dropout.builder().optRate(0.4f).build())
                .add(Linear.builder().setUnits(1).build());
        return LabelConditioned.imageWithLabelMap(labelPath, downsampler);
    }

    /**
     * The same function as {@link #generator()} with that generator's weights, computed faster for serving (folded
     * batch norms, no 28x28x128 activation): {@link ConditionalGanInference}.
     */
    @Override
    public InferenceGenerator inferenceGenerator(Block generator, ParameterStore parameters, NDManager manager) {
        return ConditionalGanInference.of(generator, manager);
    }

    private static Block batchNorm() {
        return BatchNorm.builder().optEpsilon(BATCH_NORM_EPSILON).build();
    }

    private static Block embedding() {
        return new ClassEmbedding(CLASSES, LABEL_EMBEDDING);
    }

    private static Block halving() {
        return Conv2dLayer.of(128, 3, 2, 1);
    }
}
