package io.ganflow.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The object store every service uses; credentials come from the environment (GAN_S3_ACCESS_KEY, ...). */
@ConfigMapping(prefix = "ganflow.store")
public interface ObjectStoreConfig {

    @WithDefault("http://127.0.0.1:19000")
    String endpoint();

    String accessKey();

    String secretKey();

    @WithDefault("ganflow")
    String bucket();

    /** Where clients outside the cluster reach the store (GAN_S3_PUBLIC_ENDPOINT), for presigned download URLs. */
    Optional<String> publicEndpoint();
}
