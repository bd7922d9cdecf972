package io.ganflow.dataset.idx;

import java.nio.file.Path;

/** Fashion-MNIST's training and test splits from their IDX files, as Debian's dataset-fashion-mnist installs them. */
public final class FashionMnist {

    public static final String NAME = "fashion-mnist";
    public static final int CLASSES = 10;
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    private FashionMnist() {}

    public static LabelledImages readTraining(Path directory) {
        return read(directory.resolve(TRAIN_IMAGES), directory.resolve(TRAIN_LABELS));
    }

    /** The held-out split: 10,000 images, 1,000 of each class. */
    public static LabelledImages readTest(Path directory) {
        return read(directory.resolve(TEST_IMAGES), directory.resolve(TEST_LABELS));
    }

    private static LabelledImages read(Path imagesFile, Path labelsFile) {
        IdxReader.Images images = IdxReader.readImages(imagesFile);
        int[] labels = IdxReader.readLabels(labelsFile, CLASSES);
        if (images.rows() != 28 || images.columns() != 28) {
            throw new DatasetFormatException(imagesFile + ": Fashion-MNIST images are 28x28, these are " + images.rows()
                    + "x" + images.columns());
        }
        if (labels.length != images.count()) {
            throw new DatasetFormatException(
                    labelsFile + ": " + labels.length + " labels for " + images.count() + " images in " + imagesFile);
        }
        return new LabelledImages(NAME, CLASSES, 1, 28, 28, images.pixels(), labels);
    }
}
