package io.ganflow.e2e;

import static io.ganflow.e2e.GatewayApi.awaitState;
import static io.ganflow.e2e.GatewayApi.get;
import static io.ganflow.e2e.GatewayApi.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ganflow.events.TrainingState;
import io.ganflow.store.CheckpointStore;
import io.ganflow.testing.LocalInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A trainer on a machine where libtorch's oneDNN computes some convolutions wrongly: the fault of the fresh machine
 * on which both README commands once failed, given to the trainer's process ({@code ganflow.numerics.simulate-fault}).
 * It starts, says which kernels it chose instead and why, and trains a run whose checkpoints record them; only when
 * told to use the wrong kernels does it refuse, in one line, with a code its supervisor does not restart.
 */
@ExtendWith(LocalStack.class)
class NumericsEndToEndTest {

    private static final String FAULT = "ganflow.numerics.simulate-fault=onednn-cache-topology";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aTrainerWhereOneDnnIsWrongChoosesKernelsThatAreRightAndTrainsOnThem() throws Exception {
        ServiceProcess faulty = LocalStack.addTrainer(List.of(FAULT));
        try {
            JsonNode numerics = numericsHealth(faulty);
            String kernels = numerics.get("kernels").asText();
            assertNotEquals("vendor", kernels, numerics.toString());
            assertEquals("onednn-cache-topology", numerics.get("simulatedFault").asText());
            // vendor is either checked and found wrong, or slower here: never chosen (its fault is shown by the
            // refusal below and SimulatedCacheFaultTest)
            assertTrue(numerics.get("candidate." + kernels).asText().endsWith(" right"), numerics.toString());
            assertEquals(1, faulty.logLinesWith("convolutions: " + kernels).size(), "said once, in one line");
            // only the faulty trainer trains from here: the others hand their runs over, as on a scale-down
            for (ServiceProcess other : new ArrayList<>(LocalStack.trainers())) {
                if (other != faulty) {
                    LocalStack.terminate(other);
                }
            }

            String runId = post(
                            "/api/v1/runs",
                            Map.of("epochs", 1, "batchSize", 32, "datasetLimit", 320, "checkpointEverySteps", 5))
                    .get("runId")
                    .asText();
            awaitState(runId, "COMPLETED", Duration.ofMinutes(5));

            CheckpointStore checkpoints = new CheckpointStore(LocalInfrastructure.store(LocalStack.BUCKET));
            TrainingState last =
                    checkpoints.state(checkpoints.newestFirst(runId).iterator().next());
            assertEquals(10, last.step());
            assertEquals(kernels, last.numerics().kernels(), "the checkpoint records the kernels it was trained with");
            assertTrue(last.numerics().checked());
            HttpResponse<byte[]> images = get("/api/v1/runs/" + runId + "/images?class=3&count=4&seed=1");
            assertEquals(200, images.statusCode(), new String(images.body()));
        } finally {
            LocalStack.addTrainer();
            LocalStack.terminate(faulty);
        }
    }

    @Test
    void kernelsSetByTheOperatorThatAreWrongHereAreRefusedInOneLineWithCode78() throws Exception {
        String error = refusal(28990, FAULT, "ganflow.numerics.configuration=vendor");
        assertTrue(error.contains("set by ganflow.numerics.configuration disagree with float64"), error);
        assertTrue(error.contains("vendor wrong") && error.contains(" layer "), "names the layer: " + error);
        assertTrue(error.contains("Unset ganflow.numerics.configuration"), "says what to do: " + error);
    }

    @Test
    void kernelsThatDoNotExistAreRefusedByNameInOneLineWithCode78() throws Exception {
        String error = refusal(28991, "ganflow.numerics.configuration=fastest");
        assertTrue(
                error.contains("ganflow.numerics.configuration must be auto or one of vendor, vendor-padded, pytorch,"
                        + " was 'fastest'"),
                error);
    }

    /**
     * Starts a trainer of its own group with {@code settings}, expects it to end with code 78 and exactly one ERROR
     * line, and returns that line.
     */
    private static String refusal(int port, String... settings) throws Exception {
        String group = LocalInfrastructure.unique("numerics-refusal");
        List<String> properties = new ArrayList<>(List.of(settings));
        properties.add("ganflow.trainer.group=" + group);
        properties.add("mp.messaging.incoming.run-commands.group.id=" + group);
        ServiceProcess refused = LocalStack.startLoneTrainer(port, properties);
        assertTrue(refused.awaitExit(Duration.ofMinutes(3)), "the trainer did not end");
        assertEquals(78, refused.exitCode(), refused.logTail(20));
        List<String> errors = refused.logLinesWith(" ERROR ");
        assertEquals(1, errors.size(), String.join("\n", errors));
        return errors.get(0);
    }

    private static JsonNode numericsHealth(ServiceProcess service) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        for (JsonNode check : GatewayApi.JSON.readTree(response.body()).get("checks")) {
            if (check.get("name").asText().equals("numerics")) {
                return check.get("data");
            }
        }
        throw new AssertionError("no numerics check in " + new String(response.body()));
    }
}
