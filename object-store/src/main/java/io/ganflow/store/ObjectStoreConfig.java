package io.ganflow.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The object store every service uses; credentials come from the environment (GAN_S3_ACCESS_KEY, ...). */
@ConfigMapping(prefix = "ganflow.store")
public interface ObjectStoreConfig {

    @WithDefault("http://127.0.0.1:19000")
    String endpoint();

    String accessKey();

    String secretKey();

    @WithDefault("ganflow")
    String bucket();
}
