package io.ganflow.models.dcgan;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.ganflow.events.Catalog;
import io.ganflow.models.GanModel;

/** The tutorial's DCGAN on CIFAR-10: z (128) to 32x32x3 images, unconditional. */
public final class Dcgan implements GanModel {

    @Override
    public Catalog.Model descriptor() {
        return Catalog.DCGAN_CIFAR10;
    }

    @Override
    public int imagesPerServingPass() {
        return 256;
    }

    @Override
    public Block generator() {
        return new SequentialBlock().add(DcganBlocks.noiseToSeed()).add(DcganBlocks.upsampler());
    }

    @Override
    public Block discriminator() {
        return DcganBlocks.downsampler();
    }
}
