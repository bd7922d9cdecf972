package io.ganflow.e2e;

import io.ganflow.testing.LocalInfrastructure;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The four services as processes against the real broker and store, started once for every end-to-end test class
 * that extends with it, and stopped when the last of them has run. Each service has a consumer group of its own, so
 * that no other trainer or dataset-service on this broker takes its work.
 */
public final class LocalStack implements BeforeAllCallback, ExtensionContext.Store.CloseableResource, AutoCloseable {

    static final String BUCKET = LocalInfrastructure.unique("e2e");
    static final String OPERATOR_KEY = "e2e-operator-key";
    static final String READER_KEY = "e2e-reader-key";
    /** Small batch windows, so that runs visibly take turns within short runs. */
    static final int WINDOW = 4;

    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static Map<String, String> environment;
    private static ServiceProcess gateway;
    private static ServiceProcess trainer;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (LocalStack.class) {
            if (gateway == null) {
                start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(LocalStack.class, this);
            }
        }
    }

    static ServiceProcess gateway() {
        return gateway;
    }

    /** Kills the trainer (SIGKILL) and starts another in its place, ready. */
    static void killAndReplaceTrainer() throws Exception {
        trainer.kill();
        SERVICES.remove(trainer);
        trainer = startTrainer();
        SERVICES.add(trainer);
        trainer.awaitReady(Duration.ofMinutes(3));
    }

    /** Every service answers ready. */
    static boolean allReady() {
        return SERVICES.stream().allMatch(ServiceProcess::isReady);
    }

    private static void start() throws Exception {
        environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", LocalInfrastructure.kafkaBootstrapServers(),
                "GAN_S3_ENDPOINT", LocalInfrastructure.s3Endpoint(),
                "GAN_S3_ACCESS_KEY", LocalInfrastructure.s3AccessKey(),
                "GAN_S3_SECRET_KEY", LocalInfrastructure.s3SecretKey(),
                "GAN_S3_BUCKET", BUCKET,
                "GAN_SAMPLER_URL", "http://127.0.0.1:28083",
                "GAN_DATASET_SERVICE_URL", "http://127.0.0.1:28081");
        String fashionMnist =
                System.getenv().getOrDefault("GAN_FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist");
        SERVICES.add(ServiceProcess.start(
                "dataset-service",
                28081,
                environment,
                List.of(
                        "ganflow.fashion-mnist.directory=" + fashionMnist,
                        "mp.messaging.incoming.epoch-requests.group.id=" + BUCKET)));
        trainer = startTrainer();
        SERVICES.add(trainer);
        SERVICES.add(ServiceProcess.start("sampler-service", 28083, environment, List.of()));
        Map<String, String> gatewayEnvironment = new HashMap<>(environment);
        gatewayEnvironment.put("GAN_OPERATOR_KEYS", OPERATOR_KEY);
        gatewayEnvironment.put("GAN_READER_KEYS", READER_KEY);
        gateway = ServiceProcess.start("gateway", 28080, gatewayEnvironment, List.of());
        SERVICES.add(gateway);
        for (ServiceProcess service : SERVICES) {
            service.awaitReady(Duration.ofMinutes(3));
        }
    }

    private static ServiceProcess startTrainer() throws IOException {
        return ServiceProcess.start(
                "trainer-service",
                28082,
                environment,
                List.of(
                        "ganflow.trainer.group=" + BUCKET,
                        "mp.messaging.incoming.run-commands.group.id=" + BUCKET,
                        "ganflow.trainer.window-batches=" + WINDOW));
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess service : SERVICES) {
            service.close();
        }
    }
}
