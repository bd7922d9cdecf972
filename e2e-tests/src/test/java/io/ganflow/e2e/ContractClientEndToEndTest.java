package io.ganflow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganflow.client.ApiClient;
import io.ganflow.client.ApiException;
import io.ganflow.client.api.DatasetsApi;
import io.ganflow.client.api.ImagesApi;
import io.ganflow.client.api.RunsApi;
import io.ganflow.client.api.SyntheticDatasetsApi;
import io.ganflow.client.model.CheckpointView;
import io.ganflow.client.model.CreateSyntheticDataset;
import io.ganflow.client.model.DatasetInfo;
import io.ganflow.client.model.RunView;
import io.ganflow.client.model.StartRunRequest;
import io.ganflow.client.model.SyntheticDatasetView;
import io.ganflow.events.Sha256;
import io.ganflow.testing.ImageArchives;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.ganflow.testing.PoisonRecords;
import io.ganflow.testing.contracts.AsyncApiContract;
import java.awt.image.BufferedImage;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Another service, built only on the published contracts: over REST through the Java client generated at build time
 * from contracts/v1/openapi.json (e2e-tests/pom.xml), and over Kafka knowing only the AsyncAPI document the gateway
 * serves. A contract that drifts from what the services do fails here.
 */
@ExtendWith(LocalStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractClientEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The run both tests ask images of: a conditional GAN with a checkpoint. */
    private static String runId;

    private static ApiClient client;

    @BeforeAll
    static void client() {
        client = new ApiClient();
        client.updateBaseUri(LocalStack.gateway().url());
        client.setReadTimeout(Duration.ofSeconds(60));
        client.setRequestInterceptor(request -> request.header("X-API-Key", LocalStack.OPERATOR_KEY));
    }

    @Test
    @Order(1)
    void theGeneratedClientStartsARunFetchesImagesOfAClassAndDownloadsASyntheticDataSet() throws Exception {
        RunsApi runs = new RunsApi(client);
        RunView started = runs.startRun(new StartRunRequest()
                .epochs(1)
                .batchSize(50)
                .datasetLimit(300)
                .checkpointEverySteps(3)
                .metricsEverySteps(1)
                .seed(11L));
        assertEquals(RunView.StateEnum.PENDING, started.getState());
        runId = started.getRunId();
        assertEquals("cgan-fashion-mnist", started.getSpec().getModel());

        RunView completed = Eventually.within(Duration.ofMinutes(4), "run " + runId + " completes", () -> {
            RunView run = runs.getRun(runId);
            assertFalse(run.getState() == RunView.StateEnum.FAILED, run.getMessage());
            return run.getState() == RunView.StateEnum.COMPLETED ? run : null;
        });
        assertEquals(6, completed.getStep(), "300 images in batches of 50");
        List<CheckpointView> checkpoints = runs.listCheckpoints(runId, null, null);
        assertEquals(
                List.of(3L, 6L),
                checkpoints.stream().map(CheckpointView::getStep).toList());

        File sneakers = Eventually.within(
                Duration.ofSeconds(60),
                "the sampler serves the run",
                () -> served(() -> new ImagesApi(client).getImages(runId, 7, 4, 3L, null)));
        BufferedImage row = ImageIO.read(sneakers);
        assertEquals(4 * 28 + 3 * 2, row.getWidth(), "4 images of 28 pixels in a row, 2 apart");

        SyntheticDatasetsApi synthetic = new SyntheticDatasetsApi(client);
        SyntheticDatasetView job = synthetic.createSyntheticDataset(new CreateSyntheticDataset()
                .runId(runId)
                .counts(List.of(2, 0, 0, 0, 0, 0, 0, 3))
                .format(CreateSyntheticDataset.FormatEnum.PNG_ZIP)
                .seed(5L));
        assertEquals(SyntheticDatasetView.StateEnum.PENDING, job.getState());
        SyntheticDatasetView done = Eventually.within(Duration.ofSeconds(90), "the data set is made", () -> {
            SyntheticDatasetView now = synthetic.getSyntheticDataset(job.getRequestId());
            assertFalse(now.getState() == SyntheticDatasetView.StateEnum.FAILED, now.getMessage());
            return now.getState() == SyntheticDatasetView.StateEnum.DONE ? now : null;
        });
        HttpResponse<byte[]> zip = HTTP.send(
                HttpRequest.newBuilder(URI.create(done.getDownloadUrl())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zip.statusCode());
        assertEquals(done.getSha256(), Sha256.hex(zip.body()));
        Set<String> files = ImageArchives.unzip(zip.body()).keySet();
        assertTrue(files.contains("labels.csv"), files.toString());
        assertEquals(5, files.stream().filter(name -> name.endsWith(".png")).count(), "5 images: " + files);
        assertEquals(6, files.size(), "the images and their labels: " + files);

        // errors are the contract's problem+json, which the generated client hands over as they came
        ApiException missing = assertThrows(ApiException.class, () -> runs.getRun("no-such-run"));
        assertEquals(404, missing.getCode());
        JsonNode problem = JSON.readTree(missing.getResponseBody());
        assertEquals(404, problem.get("status").asInt());
        assertEquals("No such run", problem.get("title").asText());
    }

    @Test
    @Order(2)
    void aServiceKnowingOnlyTheAsyncApiDocumentGetsASyntheticDataSetOverKafka() throws Exception {
        assertTrue(runId != null, "the first test trained the run");
        AsyncApiContract contract =
                AsyncApiContract.of(new String(GatewayApi.get("/asyncapi").body()));
        String requests = topicOf(contract, "receive", "SyntheticDatasetRequest");
        String results = topicOf(contract, "send", "SyntheticDatasetResult");
        String deadLetters = topicOf(contract, "send", "DeadLetter");

        // the request as the document's example has it, for this run
        String requestId = "syn-kafka-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode request = (ObjectNode) contract.message(requests)
                .path("examples")
                .get(0)
                .path("payload")
                .deepCopy();
        request.put("requestId", requestId).put("runId", runId).put("format", "idx");
        request.putArray("counts").add(1).add(1).add(1);
        String value = JSON.writeValueAsString(request);
        assertEquals(List.of(), contract.valueProblems(requests, value));
        assertEquals(List.of(), contract.keyProblems(requests, requestId));
        KafkaTestClient.send(requests, requestId, value);

        List<ConsumerRecord<String, byte[]>> answers = new ArrayList<>();
        Eventually.within(Duration.ofSeconds(90), "request " + requestId + " is answered DONE", () -> {
            answers.clear();
            answers.addAll(KafkaTestClient.await(results, r -> requestId.equals(r.key()), 100, Duration.ofSeconds(2)));
            return answers.stream().anyMatch(r -> state(r).equals("DONE")) ? answers : null;
        });
        for (ConsumerRecord<String, byte[]> answer : answers) {
            assertEquals(List.of(), contract.valueProblems(results, new String(answer.value())), "every answer");
        }
        JsonNode done = JSON.readTree(answers.stream()
                .filter(r -> state(r).equals("DONE"))
                .findFirst()
                .orElseThrow()
                .value());
        assertEquals(3, done.get("generated").asInt());
        // the claim check points at the data set in the object store
        byte[] dataSet = LocalInfrastructure.store(done.get("bucket").asText())
                .get(done.get("objectKey").asText())
                .orElseThrow();
        assertEquals(done.get("sha256").asText(), Sha256.hex(dataSet));

        // a request the samplers cannot read is parked where the document says, with the headers it names
        String unreadable = "syn-kafka-bad-" + UUID.randomUUID().toString().substring(0, 8);
        assertFalse(contract.valueProblems(requests, value.replace("\"version\":1", "\"version\":9"))
                .isEmpty());
        KafkaTestClient.send(requests, unreadable, value.replace("\"version\":1", "\"version\":9"));
        ConsumerRecord<String, byte[]> parked =
                KafkaTestClient.await(deadLetters, r -> unreadable.equals(r.key()), 1, Duration.ofSeconds(60)).stream()
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("not parked on " + deadLetters));
        for (JsonNode header : contract.message(deadLetters).path("headers").path("required")) {
            assertTrue(PoisonRecords.header(parked, header.asText()) != null, "header " + header + " is there");
        }
        assertTrue(PoisonRecords.header(parked, "dead-letter-reason").contains("version"));
    }

    @Test
    @Order(3)
    void theGeneratedClientUploadsADataSetAndMeetsTheProblemsTheContractNames() throws Exception {
        String name = LocalInfrastructure.unique("contract-shapes");
        Path archive = Files.createTempFile("contract-upload", ".zip");
        Files.write(archive, ImageArchives.zip(ImageArchives.classFolders("shapes", 3, 4, 16)));
        // openapi-generator's java/native client (7.25.0) writes a binary body as JSON (the File object, quoted), which
        // the gateway rightly refuses (422, "neither a ZIP nor a tar.gz"): the request goes out with the file's bytes
        ApiClient uploading = new ApiClient();
        uploading.updateBaseUri(LocalStack.gateway().url());
        uploading.setRequestInterceptor(request -> {
            request.header("X-API-Key", LocalStack.OPERATOR_KEY);
            try {
                request.method("PUT", HttpRequest.BodyPublishers.ofFile(archive));
            } catch (java.io.FileNotFoundException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        DatasetsApi datasets = new DatasetsApi(uploading);

        DatasetInfo uploaded = datasets.uploadDataset(name, archive.toFile(), 3, 16);
        assertEquals(3, uploaded.getClasses().size());
        assertEquals(
                12,
                uploaded.getCounts().stream().mapToInt(Integer::intValue).sum()
                        + uploaded.getHeldOutCounts().stream()
                                .mapToInt(Integer::intValue)
                                .sum());
        assertEquals(3, uploaded.getSkipped().size(), "one file per class is no image");
        DatasetsApi reading = new DatasetsApi(client);
        assertEquals(uploaded, reading.getDataset(name));
        assertTrue(reading.listDatasets().stream().anyMatch(d -> d.getName().equals(name)));

        // 409 for a name taken, 403 for a read-only key that tries a change: problem+json, as the contract says
        ApiException taken =
                assertThrows(ApiException.class, () -> datasets.uploadDataset(name, archive.toFile(), 3, 16));
        assertEquals(409, taken.getCode());
        assertEquals(409, JSON.readTree(taken.getResponseBody()).get("status").asInt());
        ApiClient reader = new ApiClient();
        reader.updateBaseUri(LocalStack.gateway().url());
        reader.setRequestInterceptor(request -> request.header("X-API-Key", LocalStack.READER_KEY));
        ApiException forbidden =
                assertThrows(ApiException.class, () -> new RunsApi(reader).startRun(new StartRunRequest().epochs(1)));
        assertEquals(403, forbidden.getCode());
        assertEquals(
                "Operator key needed",
                JSON.readTree(forbidden.getResponseBody()).get("title").asText());
        assertEquals(name, new DatasetsApi(reader).getDataset(name).getName(), "a reader may look");
    }

    /** The topic of the operation that does {@code action} with the message named {@code message}. */
    private static String topicOf(AsyncApiContract contract, String action, String message) {
        for (JsonNode operation : contract.document().path("operations")) {
            JsonNode channel = contract.resolve(operation.path("channel"));
            boolean carries = false;
            for (JsonNode m : channel.path("messages")) {
                carries |= message.equals(contract.resolve(m).path("name").asText());
            }
            if (action.equals(operation.path("action").asText()) && carries) {
                return channel.path("address").asText();
            }
        }
        throw new AssertionError("the contract has no operation that does " + action + " with " + message);
    }

    private static String state(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value()).path("state").asText();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** The answer, or null while the sampler has not loaded the run's checkpoint yet (503, 404). */
    private static <T> T served(ClientCall<T> call) throws ApiException {
        try {
            return call.call();
        } catch (ApiException e) {
            if (e.getCode() == 503 || e.getCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface ClientCall<T> {
        T call() throws ApiException;
    }
}
