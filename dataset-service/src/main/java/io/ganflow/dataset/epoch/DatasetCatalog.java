package io.ganflow.dataset.epoch;

import io.ganflow.dataset.cifar.Cifar10;
import io.ganflow.dataset.config.DatasetConfig;
import io.ganflow.dataset.idx.FashionMnist;
import io.ganflow.dataset.idx.LabelledImages;
import io.ganflow.events.DatasetInfo;
import io.ganflow.events.Ids;
import io.ganflow.events.UploadedDataset;
import io.ganflow.store.DatasetStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The data sets this service can serve: the built-in ones, read from files on first use, and those users uploaded,
 * read from the object store on first use. Once read, each is kept in memory within a budget
 * ({@code ganflow.datasets.cache-bytes}, {@link DatasetCache}).
 */
@ApplicationScoped
public class DatasetCatalog {

    private static final List<String> FASHION_MNIST_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final List<String> CIFAR10_CLASSES =
            List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    private final DatasetConfig config;
    private final DatasetStore uploads;
    private final DatasetCache loaded;

    public DatasetCatalog(DatasetConfig config, DatasetStore uploads) {
        this.config = config;
        this.uploads = uploads;
        this.loaded = new DatasetCache(config.datasets().cacheBytes());
    }

    /** Built-in data sets first, then uploaded ones by name. */
    public List<DatasetInfo> list() {
        List<DatasetInfo> all = new ArrayList<>(builtIn());
        uploads.list().stream().map(DatasetInfo::of).forEach(all::add);
        return all;
    }

    public Optional<DatasetInfo> info(String name) {
        Optional<DatasetInfo> builtIn =
                builtIn().stream().filter(d -> d.name().equals(name)).findFirst();
        return builtIn.isPresent() ? builtIn : uploads.manifest(name).map(DatasetInfo::of);
    }

    public boolean fashionMnistReadable() {
        return Files.isRegularFile(config.fashionMnist().directory().resolve(FashionMnist.TRAIN_IMAGES));
    }

    private List<DatasetInfo> builtIn() {
        Path cifar10 = config.cifar10().location();
        return List.of(
                new DatasetInfo(
                        FashionMnist.NAME,
                        DatasetInfo.BUILT_IN,
                        1,
                        28,
                        FASHION_MNIST_CLASSES,
                        Collections.nCopies(FashionMnist.CLASSES, 6000),
                        fashionMnistReadable(),
                        List.of(),
                        Collections.nCopies(FashionMnist.CLASSES, 1000)),
                new DatasetInfo(
                        Cifar10.NAME,
                        DatasetInfo.BUILT_IN,
                        3,
                        32,
                        CIFAR10_CLASSES,
                        Collections.nCopies(Cifar10.CLASSES, 5000),
                        Cifar10.present(cifar10),
                        List.of(),
                        Collections.nCopies(Cifar10.CLASSES, 1000)));
    }

    /** The named data set, or empty when this service does not know it. Throws when its files are bad. */
    public Optional<LabelledImages> get(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Optional<LabelledImages> cached = loaded.get(name);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<LabelledImages> read = switch (name) {
            case FashionMnist.NAME ->
                Optional.of(FashionMnist.readTraining(config.fashionMnist().directory()));
            case Cifar10.NAME ->
                Optional.of(Cifar10.readTraining(config.cifar10().location()));
            default -> Ids.isValid(name) ? uploads.manifest(name).map(m -> read(m, false)) : Optional.empty();
        };
        read.ifPresent(loaded::put);
        return read;
    }

    /**
     * The named data set's held-out split, which no run trains on: what reference classifiers are tested on and
     * generated images compared with. A built-in data set's official test split; an upload's every
     * {@code heldOutEvery}-th image of each class ({@link UploadedDataset#isHeldOut}); empty for uploads that have
     * none. Read each time (not cached): evaluators ask once and keep it.
     */
    public Optional<LabelledImages> heldOut(String name) {
        return switch (name == null ? "" : name) {
            case FashionMnist.NAME ->
                Optional.of(FashionMnist.readTest(config.fashionMnist().directory()));
            case Cifar10.NAME -> Optional.of(Cifar10.readTest(config.cifar10().location()));
            default ->
                Ids.isValid(name)
                        ? uploads.manifest(name)
                                .filter(UploadedDataset::hasHeldOut)
                                .map(m -> read(m, true))
                        : Optional.empty();
        };
    }

    /** An upload's training images ({@code heldOut} false) or held-out ones, in stored order. */
    private LabelledImages read(UploadedDataset manifest, boolean heldOut) {
        DatasetStore.Contents contents = uploads.contents(manifest);
        int imageBytes = manifest.channels() * manifest.side() * manifest.side();
        int[] seenOfClass = new int[manifest.classes().size()];
        int total = heldOut
                ? manifest.heldOutCounts().stream().mapToInt(Integer::intValue).sum()
                : manifest.trainingCounts().stream().mapToInt(Integer::intValue).sum();
        byte[] pixels = new byte[Math.multiplyExact(total, imageBytes)];
        int[] labels = new int[total];
        int kept = 0;
        for (int i = 0; i < contents.labels().length; i++) {
            int label = Byte.toUnsignedInt(contents.labels()[i]);
            if (manifest.isHeldOut(seenOfClass[label]++) == heldOut) {
                System.arraycopy(contents.pixels(), i * imageBytes, pixels, kept * imageBytes, imageBytes);
                labels[kept++] = label;
            }
        }
        return new LabelledImages(
                manifest.name(),
                manifest.classes().size(),
                manifest.channels(),
                manifest.side(),
                manifest.side(),
                pixels,
                labels);
    }
}
