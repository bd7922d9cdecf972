package io.ganflow.models.dcgan;

import ai.djl.nn.Block;
import io.ganflow.events.Catalog;
import io.ganflow.models.GanModel;
import io.ganflow.models.layers.LabelConditioned;

/**
 * Beyond the tutorial: DCGAN conditioned on CIFAR-10's class, with the label embedding of the conditional GAN. G
 * concatenates a 2x2 label map to the 2x2x512 seed; D concatenates a 32x32 label map to the image.
 */
public final class ConditionalDcgan implements GanModel {

    @Override
    public Catalog.Model descriptor() {
        return Catalog.CDCGAN_CIFAR10;
    }

    @Override
    public int imagesPerServingPass() {
        return 256;
    }

    @Override
    public Block generator() {
        return new LabelConditioned(DcganBlocks.noiseToSeed(), DcganBlocks.labelMap(2), DcganBlocks.upsampler());
    }

    @Override
    public Block discriminator() {
        return LabelConditioned.imageWithLabelMap(DcganBlocks.labelMap(32), DcganBlocks.downsampler());
    }
}
