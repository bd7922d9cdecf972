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
import io.ganflow.store.DatasetStore;
import io.ganflow.testing.ImageArchives;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
}
