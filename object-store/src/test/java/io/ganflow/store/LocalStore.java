package io.ganflow.store;

import java.util.UUID;

/** The real S3-compatible server that ./gan test starts, in a fresh bucket for each test class. */
final class LocalStore {

    private LocalStore() {}

    static ObjectStore freshBucket() {
        String endpoint = System.getenv("GAN_S3_ENDPOINT");
        if (endpoint == null) {
            throw new IllegalStateException("GAN_S3_ENDPOINT is not set: run the tests with ./gan test, which starts "
                    + "the local object store");
        }
        ObjectStore store = new ObjectStore(
                endpoint,
                System.getenv("GAN_S3_ACCESS_KEY"),
                System.getenv("GAN_S3_SECRET_KEY"),
                "test-" + UUID.randomUUID().toString().substring(0, 8));
        store.ensureBucket();
        return store;
    }
}
