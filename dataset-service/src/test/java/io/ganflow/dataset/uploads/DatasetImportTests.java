package io.ganflow.dataset.uploads;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ganflow.events.EpochRequest;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.ganflow.events.Json;
import io.ganflow.events.UploadedDataset;
import io.ganflow.store.DatasetStore;
import io.ganflow.testing.ImageArchives;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An uploaded archive in the real object store becomes a data set that is listed and published like the others. */
@QuarkusTest
class DatasetImportTests {

    @Inject
    DatasetStore datasets;

    private String uploaded(byte[] archive) {
        String name = LocalInfrastructure.unique("pets");
        datasets.saveArchive(name, new java.io.ByteArrayInputStream(archive));
        return name;
    }

    @Test
    void anImportedArchiveIsListedWithClassesCountsAndSkippedFilesAndCanBeTrainedOn() {
        String name = uploaded(ImageArchives.zip(ImageArchives.classFolders("my-pets", 3, 4, 20)));
        given().post("/datasets/" + name + "/import?channels=3&side=32")
                .then()
                .statusCode(201)
                .body("name", equalTo(name))
                .body("source", equalTo("uploaded"))
                .body("classes", contains("class-0", "class-1", "class-2"))
                .body("counts", contains(4, 4, 4))
                .body("skipped", hasSize(3))
                .body("skipped[0]", containsString("class-0/broken.png"));
        given().get("/datasets").then().statusCode(200).body("name", hasItem(name));
        given().post("/datasets/" + name + "/import").then().statusCode(409);

        KafkaTestClient.send(
                EpochRequest.TOPIC, name, Json.write(new EpochRequest(EpochRequest.VERSION, name, name, 0, 4, 1L, 0)));
        List<ImageBatch> batches =
                KafkaTestClient.await(ImageBatch.TOPIC, r -> name.equals(r.key()), 3, Duration.ofSeconds(60)).stream()
                        .map(r -> ImageBatchCodec.decode(r.value()))
                        .toList();
        assertEquals(3, batches.size(), "12 images in batches of 4");
        ImageBatch first = batches.get(0);
        assertEquals(List.of(3, 32, 32), List.of(first.channels(), first.height(), first.width()));
        for (int i = 0; i < first.size(); i++) {
            Color expected = ImageArchives.colour(first.labels()[i], 3);
            int red = Byte.toUnsignedInt(first.pixels()[i * 3 * 32 * 32]);
            assertEquals(expected.getRed(), red, 2.0, "image " + i + " has its class's colour");
        }
    }

    @Test
    void anArchiveWithoutAnyImageIsRefusedWithTheReason() {
        String name = uploaded(ImageArchives.zip(Map.of("cats/readme.txt", "no images here".getBytes())));
        given().post("/datasets/" + name + "/import")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("no readable images"));
        given().get("/datasets/" + name).then().statusCode(404);
    }

    @Test
    void badNamesShapesAndMissingUploadsAreClearErrors() {
        given().post("/datasets/Bad_Name/import").then().statusCode(400);
        given().post("/datasets/fine/import?channels=2")
                .then()
                .statusCode(400)
                .body("detail", containsString("1 or 3"));
        given().post("/datasets/fine/import?side=4").then().statusCode(400);
        given().post("/datasets/" + LocalInfrastructure.unique("never") + "/import")
                .then()
                .statusCode(404)
                .body("title", equalTo("No upload"));
        given().post("/datasets/fashion-mnist/import").then().statusCode(409);
    }

    /** A stored upload of two classes, 15 and 8 images interleaved, each image marked by its index in its first pixel. */
    private String markedUpload(Integer heldOutEvery) {
        String name = LocalInfrastructure.unique("marked");
        int count = 23;
        byte[] pixels = new byte[count * 28 * 28];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            pixels[i * 28 * 28] = (byte) i;
            labels[i] = (byte) (i < 16 && i % 2 == 1 ? 1 : 0); // 15 of class 0, 8 of class 1
        }
        datasets.save(
                new UploadedDataset(
                        UploadedDataset.VERSION,
                        name,
                        1,
                        28,
                        List.of("a", "b"),
                        List.of(15, 8),
                        List.of(),
                        0,
                        null,
                        null,
                        0,
                        heldOutEvery),
                pixels,
                labels);
        return name;
    }

    private static List<Integer> marks(byte[] body) {
        ImageBatch images = ImageBatchCodec.decode(body);
        List<Integer> marks = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            marks.add(Byte.toUnsignedInt(images.pixels()[i * 28 * 28]));
        }
        return marks;
    }

    @Test
    void anUploadHoldsOutEverySeventhImageOfEachClassWhichNoRunTrainsOn() {
        String name = markedUpload(UploadedDataset.HELD_OUT_EVERY);
        given().get("/datasets/" + name)
                .then()
                .statusCode(200)
                .body("counts", contains(13, 7))
                .body("heldOutCounts", contains(2, 1));
        // class 0 is images 0, 2, ..., 14, 16, 17, ..., 22 (its 7th and 14th: 12 and 21); class 1 is 1, 3, ..., 15
        // (its 7th: 13)
        List<Integer> heldOut = marks(given().get("/datasets/" + name + "/held-out")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        List<Integer> trained = marks(given().get("/datasets/" + name + "/training-sample?counts=13,7")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        assertEquals(3, heldOut.size());
        assertEquals(20, trained.size());
        Set<Integer> all = new HashSet<>(heldOut);
        all.addAll(trained);
        assertEquals(23, all.size(), "held-out and training images are apart and together all of them");
        assertEquals(List.of(12, 13, 21), heldOut, "every 7th of each class, in stored order");
        given().get("/datasets/" + name + "/training-sample?counts=14,7")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
    }

    @Test
    void anUploadFromBeforeHeldOutSplitsTrainsOnAllItsImagesAndHasNone() {
        String name = markedUpload(null);
        given().get("/datasets/" + name).then().statusCode(200).body("counts", contains(15, 8));
        given().get("/datasets/" + name + "/held-out").then().statusCode(404);
        assertEquals(
                23,
                marks(given().get("/datasets/" + name + "/training-sample?counts=15,8")
                                .then()
                                .statusCode(200)
                                .extract()
                                .asByteArray())
                        .size());
    }
}
