package io.ganflow.testing;

import io.ganflow.store.ObjectStore;
import java.util.UUID;

/** Where the real Kafka broker and S3 server of ./gan test are, read from the environment that ./gan sets. */
public final class LocalInfrastructure {

    private LocalInfrastructure() {}

    public static String kafkaBootstrapServers() {
        return required("KAFKA_BOOTSTRAP_SERVERS");
    }

    public static String s3Endpoint() {
        return required("GAN_S3_ENDPOINT");
    }

    public static String s3AccessKey() {
        return required("GAN_S3_ACCESS_KEY");
    }

    public static String s3SecretKey() {
        return required("GAN_S3_SECRET_KEY");
    }

    public static ObjectStore store(String bucket) {
        ObjectStore store = new ObjectStore(s3Endpoint(), s3AccessKey(), s3SecretKey(), bucket);
        store.ensureBucket();
        return store;
    }

    /** A name no other test run uses: for buckets, run ids and consumer groups. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: run the tests with ./gan test, which starts "
                    + "the local Kafka broker and object store and sets it");
        }
        return value;
    }
}
