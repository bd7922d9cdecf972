package io.ganflow.dataset.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

@ConfigMapping(prefix = "ganflow")
public interface DatasetConfig {

    FashionMnistConfig fashionMnist();

    interface FashionMnistConfig {
        /** Where the IDX files are; Debian's dataset-fashion-mnist installs them here. */
        @WithDefault("/usr/share/datasets/fashion-mnist")
        Path directory();
    }
}
