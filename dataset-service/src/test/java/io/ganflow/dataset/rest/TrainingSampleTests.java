package io.ganflow.dataset.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** As many real training images of each class as a synthetic set has: the real side of an accuracy score. */
@QuarkusTest
class TrainingSampleTests {

    private static ImageBatch sample(String counts, long seed) {
        return ImageBatchCodec.decode(given().queryParam("counts", counts)
                .queryParam("seed", seed)
                .get("/datasets/fashion-mnist/training-sample")
                .then()
                .statusCode(200)
                .contentType("application/octet-stream")
                .extract()
                .asByteArray());
    }

    @Test
    void servesExactlyTheAskedImagesOfEachClassTheSameForTheSameSeed() {
        ImageBatch sample = sample("3,0,5,0,0,0,0,0,0,2", 7);

        assertEquals(10, sample.size());
        assertEquals(28, sample.width());
        assertArrayEquals(new int[] {0, 0, 0, 2, 2, 2, 2, 2, 9, 9}, sample.labels());
        assertArrayEquals(sample.pixels(), sample("3,0,5,0,0,0,0,0,0,2", 7).pixels());
        assertEquals(
                false,
                Arrays.equals(sample.pixels(), sample("3,0,5,0,0,0,0,0,0,2", 8).pixels()));
    }

    @Test
    void countsThatCannotBeDrawnAreProblems() {
        problem("fashion-mnist", "6001", 422, "class 0 has 6000 images");
        problem("fashion-mnist", "1,x", 400, "whole numbers");
        problem("fashion-mnist", "", 400, "are needed");
        problem("fashion-mnist", "0,0", 422, "at least one image");
        problem("fashion-mnist", "1,1,1,1,1,1,1,1,1,1,1", 422, "1 to 10 classes");
        problem("fashion-mnist", "1,".repeat(200) + "1", 422, "1 to 10 classes");
        problem("no-such-set", "1", 404, "not known");
        given().queryParam("counts", "1")
                .queryParam("seed", "soon")
                .get("/datasets/fashion-mnist/training-sample")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("seed a whole number"));
    }

    private static void problem(String name, String counts, int status, String detail) {
        given().queryParam("counts", counts)
                .get("/datasets/" + name + "/training-sample")
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("detail", containsString(detail));
    }
}
