package io.ganflow.dataset.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

@ConfigMapping(prefix = "ganflow")
public interface DatasetConfig {

    FashionMnistConfig fashionMnist();

    Cifar10Config cifar10();

    UploadsConfig uploads();

    DatasetsConfig datasets();

    interface DatasetsConfig {
        /**
         * Memory for the data sets kept once read (Fashion-MNIST's training split is 47 MB, CIFAR-10's 154 MB):
         * past it, the least recently used is dropped and read again when a run next asks for it.
         */
        @WithDefault("268435456")
        long cacheBytes();
    }

    interface UploadsConfig {
        /**
         * The most decoded pixels one uploaded data set may hold (images x side x side x channels): 128 MiB is
         * 43,000 images of 32x32x3. Each data set a run uses is held in memory while runs train on it.
         */
        @WithDefault("134217728")
        long maxPixelBytes();
    }

    interface FashionMnistConfig {
        /** Where the IDX files are; Debian's dataset-fashion-mnist installs them here. */
        @WithDefault("/usr/share/datasets/fashion-mnist")
        Path directory();
    }

    interface Cifar10Config {
        /** A folder of data_batch_N.bin files, or cifar-10-binary.tar.gz (the file, or a folder holding it). */
        @WithDefault("/usr/share/datasets/cifar-10")
        Path location();
    }
}
