package io.ganflow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.testing.LocalInfrastructure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service given the example's keys or passwords (secrets.env.example's change-me values) does not start: it exits
 * during start-up with one log line that names the setting, never its value.
 */
class PlaceholderSecretsEndToEndTest {

    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", LocalInfrastructure.kafkaBootstrapServers(),
                "GAN_S3_ENDPOINT", LocalInfrastructure.s3Endpoint(),
                "GAN_S3_ACCESS_KEY", LocalInfrastructure.s3AccessKey(),
                "GAN_S3_SECRET_KEY", LocalInfrastructure.s3SecretKey(),
                "GAN_S3_BUCKET", LocalInfrastructure.unique("placeholders"),
                "GAN_OPERATOR_KEYS", "a-real-operator-key-4f9c"));
        return environment;
    }

    @Test
    void theGatewayRefusesAnExampleOperatorKey() throws Exception {
        Map<String, String> environment = environment();
        environment.put("GAN_OPERATOR_KEYS", "a-real-one,change-me-operator-key");
        assertRefused("gateway", 28190, environment, "an operator key of GAN_OPERATOR_KEYS is a placeholder");
    }

    @Test
    void aServiceRefusesTheExampleObjectStorePassword() throws Exception {
        Map<String, String> environment = environment();
        environment.put("GAN_S3_SECRET_KEY", "change-me-to-a-long-random-string");
        assertRefused(
                "dataset-service", 28191, environment, "GAN_S3_SECRET_KEY (ganflow.store.secret-key) is a placeholder");
    }

    private static void assertRefused(String service, int port, Map<String, String> environment, String reason)
            throws Exception {
        // this run's log only (ServiceProcess appends)
        java.nio.file.Files.deleteIfExists(java.nio.file.Path.of("target/e2e-logs/" + service + "-" + port + ".log"));
        // a consumer group of its own (the gateway's are per process already), so that a service that is refused
        // takes no one else's records
        List<String> groups = service.equals("dataset-service")
                ? List.of("mp.messaging.incoming.epoch-requests.group.id=" + LocalInfrastructure.unique("refused"))
                : List.of();
        try (ServiceProcess process = ServiceProcess.start(service, port, environment, groups)) {
            assertTrue(process.awaitExit(Duration.ofMinutes(2)), service + " started with a placeholder secret");
            assertFalse(process.isReady());
            assertTrue(process.logLinesContaining(reason) >= 1, process.logTail(30));
            assertEquals(0, process.logLinesContaining("change-me"), "the log shows the placeholder itself");
        }
    }
}
