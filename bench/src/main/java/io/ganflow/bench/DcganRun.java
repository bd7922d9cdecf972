package io.ganflow.bench;

import io.ganflow.testing.ImageArchives;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * A DCGAN run to serve, made through the gateway like any client would: uploads 80 coloured 32x32 squares in 10
 * classes (the tests' {@link ImageArchives}) as a data set and trains dcgan-cifar10 on it for one epoch of {@link #STEPS} steps.
 */
final class DcganRun {

    static final int STEPS = 5;

    private DcganRun() {}

    /** Starts the run and returns its id; the caller waits for its checkpoint at {@link #STEPS}. */
    static String trainOnUploadedColours(String gateway, String key, HttpClient http) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String dataset = "bench-colours-" + suffix;
        HttpResponse<String> uploaded = http.send(
                HttpRequest.newBuilder(URI.create(gateway + "/api/v1/datasets/" + dataset + "?side=32&channels=3"))
                        .header("X-API-Key", key)
                        .header("Content-Type", "application/zip")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(
                                ImageArchives.zip(ImageArchives.classFolders("colours", 10, 8, 32))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (uploaded.statusCode() / 100 != 2) {
            throw new IllegalStateException("upload refused: " + uploaded.body());
        }
        String runId = "bench-dcgan-" + suffix;
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(URI.create(gateway + "/api/v1/runs"))
                        .header("X-API-Key", key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"runId\":\"" + runId
                                + "\",\"model\":\"dcgan-cifar10\",\"dataset\":\"" + dataset
                                + "\",\"epochs\":1,\"batchSize\":16,\"checkpointEverySteps\":" + STEPS + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 201) {
            throw new IllegalStateException("could not start the DCGAN run: " + started.body());
        }
        return runId;
    }
}
