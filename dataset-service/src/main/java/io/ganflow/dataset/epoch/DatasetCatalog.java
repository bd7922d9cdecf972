package io.ganflow.dataset.epoch;

import io.ganflow.dataset.cifar.Cifar10;
import io.ganflow.dataset.config.DatasetConfig;
import io.ganflow.dataset.idx.FashionMnist;
import io.ganflow.dataset.idx.LabelledImages;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The data sets this service can serve, read from files on first use and kept in memory. */
@ApplicationScoped
public class DatasetCatalog {

    /** What a client sees of a data set without loading it. */
    public record DatasetInfo(
            String name, int classes, int channels, int height, int width, boolean available, String location) {}

    private final DatasetConfig config;
    private final Map<String, LabelledImages> loaded = new ConcurrentHashMap<>();

    public DatasetCatalog(DatasetConfig config) {
        this.config = config;
    }

    public List<DatasetInfo> list() {
        Path fashionMnist = config.fashionMnist().directory();
        Path cifar10 = config.cifar10().location();
        return List.of(
                new DatasetInfo(
                        FashionMnist.NAME,
                        FashionMnist.CLASSES,
                        1,
                        28,
                        28,
                        Files.isRegularFile(fashionMnist.resolve(FashionMnist.TRAIN_IMAGES)),
                        fashionMnist.toString()),
                new DatasetInfo(
                        Cifar10.NAME, Cifar10.CLASSES, 3, 32, 32, Cifar10.present(cifar10), cifar10.toString()));
    }

    /** The named data set, or empty when this service does not know it. Throws when its files are bad. */
    public Optional<LabelledImages> get(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name) {
            case FashionMnist.NAME ->
                Optional.of(loaded.computeIfAbsent(
                        name,
                        n -> FashionMnist.readTraining(config.fashionMnist().directory())));
            case Cifar10.NAME ->
                Optional.of(loaded.computeIfAbsent(
                        name, n -> Cifar10.readTraining(config.cifar10().location())));
            default -> Optional.empty();
        };
    }
}
