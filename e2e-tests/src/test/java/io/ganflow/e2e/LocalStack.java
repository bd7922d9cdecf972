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
 * The five services as processes against the real broker and store, started once for every end-to-end test class
 * that extends with it, and stopped when the last of them has run. Each service has a consumer group of its own, so
 * that no other trainer or dataset-service on this broker takes its work.
 */
public final class LocalStack implements BeforeAllCallback, ExtensionContext.Store.CloseableResource, AutoCloseable {

    static final String BUCKET = LocalInfrastructure.unique("e2e");
    static final String OPERATOR_KEY = "e2e-operator-key";
    static final String READER_KEY = "e2e-reader-key";
    /** Small batch windows, so that runs visibly take turns within short runs. */
    static final int WINDOW = 4;

    static final int CLASSIFIER_IMAGES = 12_800;
    static final int EVALUATED_PER_CLASS = 20;

    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static Map<String, String> environment;
    private static ServiceProcess gateway;
    private static ServiceProcess sampler;
    /** The trainers of the one trainer group, oldest first; usually one. */
    private static final List<ServiceProcess> TRAINERS = new ArrayList<>();

    private static int nextTrainerPort = 28082;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (LocalStack.class) {
            if (gateway == null) {
                // closed at the end even when a service never gets ready, so that none is left running
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(LocalStack.class, this);
                start();
            }
        }
    }

    static ServiceProcess gateway() {
        return gateway;
    }

    /** Kills the trainer (SIGKILL) and starts another in its place, ready. */
    static void killAndReplaceTrainer() throws Exception {
        kill(TRAINERS.get(0));
        addTrainer();
    }

    /** Starts one more trainer in the group and waits until it is ready. */
    static ServiceProcess addTrainer() throws Exception {
        return addTrainer(List.of());
    }

    /** Starts one more trainer in the group with these extra system properties, and waits until it is ready. */
    static ServiceProcess addTrainer(List<String> properties) throws Exception {
        ServiceProcess trainer = startTrainer(properties);
        trainer.awaitReady(Duration.ofMinutes(3));
        return trainer;
    }

    /** A trainer on the stack's broker and store with only these system properties, not waited for nor listed. */
    static ServiceProcess startLoneTrainer(int port, List<String> properties) throws IOException {
        return ServiceProcess.start("trainer-service", port, environment, properties);
    }

    static List<ServiceProcess> trainers() {
        return List.copyOf(TRAINERS);
    }

    /** The trainer that trains the run now: the one whose log gains lines about its steps. */
    static ServiceProcess trainerOf(String runId) throws Exception {
        String marker = "run=" + runId + " epoch=";
        return Eventually.within(Duration.ofMinutes(2), "a trainer training " + runId, () -> {
            List<ServiceProcess> trainers = trainers();
            long[] before = new long[trainers.size()];
            for (int i = 0; i < trainers.size(); i++) {
                before[i] = trainers.get(i).logLinesContaining(marker);
            }
            Thread.sleep(3_000);
            for (int i = 0; i < trainers.size(); i++) {
                if (trainers.get(i).logLinesContaining(marker) > before[i]) {
                    return trainers.get(i);
                }
            }
            return null;
        });
    }

    /** Ends the service at once (SIGKILL): no shutdown hooks, nothing flushed. */
    static void kill(ServiceProcess service) throws InterruptedException {
        service.kill();
        forget(service);
    }

    /** Stops the service as Kubernetes does (SIGTERM) and returns how long its graceful shutdown took. */
    static Duration terminate(ServiceProcess service) throws InterruptedException {
        Duration took = service.terminate(Duration.ofSeconds(60));
        forget(service);
        return took;
    }

    /** Every service of the stack that runs now, trainers included. */
    static List<ServiceProcess> services() {
        return List.copyOf(SERVICES);
    }

    static ServiceProcess sampler() {
        return sampler;
    }

    /** Starts the sampler again after it was killed; returns once it is ready. */
    static void restartSampler() throws Exception {
        sampler = ServiceProcess.start("sampler-service", 28083, environment, List.of());
        SERVICES.add(sampler);
        sampler.awaitReady(Duration.ofMinutes(3));
    }

    /** Kills the gateway (SIGKILL) and starts it again; returns once it is ready. */
    static void killAndRestartGateway() throws Exception {
        kill(gateway);
        startGateway();
        gateway.awaitReady(Duration.ofMinutes(3));
    }

    private static void startGateway() throws IOException {
        Map<String, String> gatewayEnvironment = new HashMap<>(environment);
        gatewayEnvironment.put("GAN_OPERATOR_KEYS", OPERATOR_KEY);
        gatewayEnvironment.put("GAN_READER_KEYS", READER_KEY);
        gateway = ServiceProcess.start("gateway", 28080, gatewayEnvironment, List.of());
        SERVICES.add(gateway);
    }

    private static void forget(ServiceProcess service) {
        SERVICES.remove(service);
        TRAINERS.remove(service);
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
        startTrainer(List.of());
        sampler = ServiceProcess.start("sampler-service", 28083, environment, List.of());
        SERVICES.add(sampler);
        // a small reference classifier (one epoch of 12,800 images), 200 images per checkpoint and scores of 60
        // steps: the evaluator measures beside the other tests' runs without slowing them much
        SERVICES.add(ServiceProcess.start(
                "evaluator-service",
                28084,
                environment,
                List.of(
                        "mp.messaging.incoming.checkpoints.group.id=" + BUCKET + "-evaluator",
                        "ganflow.evaluation.classifier-epochs=1",
                        "ganflow.evaluation.classifier-dataset-limit=" + CLASSIFIER_IMAGES,
                        "ganflow.evaluation.images-per-class=" + EVALUATED_PER_CLASS,
                        "mp.messaging.incoming.synthetic-dataset-results.group.id=" + BUCKET + "-evaluator-scores",
                        "ganflow.evaluation.score-minimum-steps=60",
                        "ganflow.evaluation.score-minimum-epochs=1")));
        startGateway();
        for (ServiceProcess service : List.copyOf(SERVICES)) {
            service.awaitReady(Duration.ofMinutes(3));
        }
    }

    private static List<String> trainerProperties() {
        return List.of(
                "ganflow.trainer.group=" + BUCKET + "-batches",
                "mp.messaging.incoming.run-commands.group.id=" + BUCKET,
                "ganflow.trainer.window-batches=" + WINDOW);
    }

    private static ServiceProcess startTrainer(List<String> extraProperties) throws IOException {
        List<String> properties = new ArrayList<>(trainerProperties());
        properties.addAll(extraProperties);
        ServiceProcess trainer = ServiceProcess.start("trainer-service", nextTrainerPort, environment, properties);
        nextTrainerPort += 100;
        TRAINERS.add(trainer);
        SERVICES.add(trainer);
        return trainer;
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess service : List.copyOf(SERVICES)) {
            service.close();
        }
    }
}
