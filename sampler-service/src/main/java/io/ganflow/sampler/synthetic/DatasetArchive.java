package io.ganflow.sampler.synthetic;

import java.io.IOException;

/** A synthetic data set being written image by image, in the order of its labels. */
public interface DatasetArchive extends AutoCloseable {

    /** One image's uint8 pixels, channel-planar (C, H, W), and its class. */
    void add(byte[] pixels, int label) throws IOException;

    /** Writes what comes after the images and closes the archive. */
    @Override
    void close() throws IOException;
}
