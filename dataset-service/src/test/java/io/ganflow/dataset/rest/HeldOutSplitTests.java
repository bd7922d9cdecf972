package io.ganflow.dataset.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The held-out split evaluators measure against: the real Fashion-MNIST test split, which no run trains on. */
@QuarkusTest
class HeldOutSplitTests {

    @Test
    void servesFashionMnistsTestSplitAsOneBatch() {
        byte[] body = given().get("/datasets/fashion-mnist/held-out")
                .then()
                .statusCode(200)
                .contentType("application/octet-stream")
                .extract()
                .asByteArray();
        ImageBatch split = ImageBatchCodec.decode(body);
        assertEquals(10_000, split.size());
        assertEquals(28, split.width());
        int[] perClass = new int[10];
        Arrays.stream(split.labels()).forEach(label -> perClass[label]++);
        int[] thousandEach = new int[10];
        Arrays.fill(thousandEach, 1_000);
        assertEquals(Arrays.toString(thousandEach), Arrays.toString(perClass), "the test split's classes");
    }

    @Test
    void aNameWithoutAHeldOutSplitIsA404Problem() {
        for (String name : new String[] {"no-such-set", "Fashion-MNIST", "..%2Ffashion-mnist", "my-pets"}) {
            given().urlEncodingEnabled(false)
                    .get("/datasets/" + name + "/held-out")
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
    }
}
