package io.ganflow.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The model families and built-in data sets the platform knows, with just enough about each to check that a run
 * makes sense before anything is published: a model trains only on data of its image shape, and a conditional
 * model only on labelled data.
 */
public final class Catalog {

    /** What a family's runs make: a GAN (a generator to serve) or a reference classifier (a yardstick for GANs). */
    public enum Kind {
        GAN,
        CLASSIFIER
    }

    /**
     * A model family: the image shape it generates (a classifier: takes) and whether it is conditioned on a class.
     */
    public record Model(
            String name,
            int channels,
            int side,
            boolean conditional,
            int defaultLatentSize,
            String defaultDataset,
            Kind kind) {

        public boolean isGan() {
            return kind == Kind.GAN;
        }
    }

    /** A data set: image shape, number of classes, whether its images carry labels, and how many training images. */
    public record Dataset(String name, int channels, int side, int classes, boolean labelled, int images) {}

    /**
     * Conditional models embed labels in tables of this many rows and draw fake labels from all of them, so they
     * need data sets of exactly this many classes.
     */
    public static final int CONDITIONAL_CLASSES = 10;

    /**
     * A reference classifier has this many outputs; it is trained on a labelled data set of 2 up to this many classes,
     * whose labels use its first outputs.
     */
    public static final int CLASSIFIER_CLASSES = 10;

    public static final Model CGAN_FASHION_MNIST =
            new Model("cgan-fashion-mnist", 1, 28, true, 100, "fashion-mnist", Kind.GAN);
    public static final Model DCGAN_CIFAR10 = new Model("dcgan-cifar10", 3, 32, false, 128, "cifar-10", Kind.GAN);
    public static final Model CDCGAN_CIFAR10 = new Model("cdcgan-cifar10", 3, 32, true, 128, "cifar-10", Kind.GAN);
    /** The reference classifiers that measure the GANs of each image shape (they need labelled data). */
    public static final Model CLASSIFIER_FASHION_MNIST =
            new Model("classifier-fashion-mnist", 1, 28, false, 100, "fashion-mnist", Kind.CLASSIFIER);

    public static final Model CLASSIFIER_CIFAR10 =
            new Model("classifier-cifar10", 3, 32, false, 100, "cifar-10", Kind.CLASSIFIER);

    public static final Dataset FASHION_MNIST = new Dataset("fashion-mnist", 1, 28, 10, true, 60_000);
    public static final Dataset CIFAR10 = new Dataset("cifar-10", 3, 32, 10, true, 50_000);

    private static final Map<String, Model> MODELS = index(
            List.of(CGAN_FASHION_MNIST, DCGAN_CIFAR10, CDCGAN_CIFAR10, CLASSIFIER_FASHION_MNIST, CLASSIFIER_CIFAR10),
            Model::name);
    private static final Map<String, Dataset> DATASETS = index(List.of(FASHION_MNIST, CIFAR10), Dataset::name);

    private Catalog() {}

    public static Optional<Model> model(String name) {
        return Optional.ofNullable(name).map(MODELS::get);
    }

    public static Optional<Dataset> dataset(String name) {
        return Optional.ofNullable(name).map(DATASETS::get);
    }

    public static List<String> modelNames() {
        return MODELS.keySet().stream().sorted().toList();
    }

    /**
     * The reference classifier family for images of {@code dataset}'s shape and classes (labelled, 2 to 10 classes),
     * if there is one: built in or uploaded alike.
     */
    public static Optional<Model> classifierFor(Dataset dataset) {
        return MODELS.values().stream()
                .filter(model -> model.kind() == Kind.CLASSIFIER
                        && mismatch(model, dataset).isEmpty())
                .findFirst();
    }

    public static List<String> datasetNames() {
        return DATASETS.keySet().stream().sorted().toList();
    }

    /** Why {@code model} cannot train on {@code dataset}, or empty when it can. */
    public static Optional<String> mismatch(Model model, Dataset dataset) {
        if (model.channels() != dataset.channels() || model.side() != dataset.side()) {
            return Optional.of(String.format(
                    "model %s makes %dx%dx%d images but data set %s has %dx%dx%d",
                    model.name(),
                    model.side(),
                    model.side(),
                    model.channels(),
                    dataset.name(),
                    dataset.side(),
                    dataset.side(),
                    dataset.channels()));
        }
        boolean classifier = model.kind() == Kind.CLASSIFIER;
        if (classifier && (!dataset.labelled() || dataset.classes() < 2 || dataset.classes() > CLASSIFIER_CLASSES)) {
            return Optional.of("classifier " + model.name() + " needs a labelled data set of 2 to "
                    + CLASSIFIER_CLASSES + " classes; " + dataset.name() + " has "
                    + (dataset.labelled() ? dataset.classes() + " classes" : "no labels"));
        }
        if (model.conditional() && !dataset.labelled()) {
            return Optional.of("conditional model " + model.name() + " needs a labelled data set; " + dataset.name()
                    + " has no labels");
        }
        if (model.conditional() && dataset.classes() != CONDITIONAL_CLASSES) {
            return Optional.of("conditional model " + model.name() + " needs " + CONDITIONAL_CLASSES
                    + " classes; data set " + dataset.name() + " has " + dataset.classes());
        }
        return Optional.empty();
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toUnmodifiableMap(name, Function.identity()));
    }
}
