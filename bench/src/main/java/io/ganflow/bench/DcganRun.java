package io.ganflow.bench;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * A DCGAN run to serve, made through the gateway like any client would: uploads 80 coloured 32x32 squares in 10
 * classes as a data set and trains dcgan-cifar10 on it for one epoch of {@link #STEPS} steps.
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
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(colouredSquares()))
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

    /** A ZIP of 10 class folders of 8 PNGs each, every class its own hue. */
    private static byte[] colouredSquares() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int label = 0; label < 10; label++) {
                for (int i = 0; i < 8; i++) {
                    BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
                    Color colour = Color.getHSBColor(label / 10f, 0.8f, 0.5f + i / 20f);
                    for (int y = 0; y < 32; y++) {
                        for (int x = 0; x < 32; x++) {
                            image.setRGB(x, y, colour.getRGB());
                        }
                    }
                    zip.putNextEntry(new ZipEntry("class-" + label + "/" + i + ".png"));
                    ImageIO.write(image, "png", zip);
                    zip.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }
}
