package io.ganflow.gateway.datasets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.UploadedDataset;
import io.ganflow.gateway.IsolatedStoreProfile;
import io.ganflow.store.DatasetStore;
import io.ganflow.store.ObjectStore;
import io.ganflow.testing.ImageArchives;
import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's side of uploads; importing is the dataset-service's (its own tests, and the end-to-end test). */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class DatasetResourceTests {

    private static final ObjectStore STORE = LocalInfrastructure.store(IsolatedStoreProfile.BUCKET);

    @Test
    void badNamesAndEmptyBodiesAreProblemsAndNothingIsStored() {
        byte[] archive = ImageArchives.zip(ImageArchives.classFolders("x", 1, 1, 8));
        given().contentType("application/zip")
                .body(archive)
                .put("/api/v1/datasets/Not_A_Name")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("path parameter 'name' must be 1-63 lowercase letters"));
        String name = LocalInfrastructure.unique("empty");
        given().contentType("application/zip")
                .body(new byte[0])
                .put("/api/v1/datasets/" + name)
                .then()
                .statusCode(400)
                .body("title", equalTo("Empty upload"));
        assertTrue(STORE.list("datasets/" + name + "/").isEmpty(), "nothing of the refused upload stays");
    }

    @Test
    void aTakenNameIsAConflict() {
        given().contentType("application/zip")
                .body(new byte[] {1})
                .put("/api/v1/datasets/fashion-mnist")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void whenTheDatasetServiceIsDownTheAnswerSaysSoAndNothingOfTheUploadStays() {
        // in this test the dataset-service's address is unreachable
        String name = LocalInfrastructure.unique("later");
        given().contentType("application/zip")
                .body(ImageArchives.zip(ImageArchives.classFolders("x", 1, 1, 8)))
                .put("/api/v1/datasets/" + name)
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("dataset-service"));
        assertEquals(
                List.<String>of(), STORE.list("datasets/" + name + "/"), "no archive: nothing of the upload stays");
    }

    @Test
    void aRunOnAnUploadedDataSetIsCheckedAgainstItsShape() {
        String name = LocalInfrastructure.unique("gray");
        new DatasetStore(STORE)
                .save(
                        new UploadedDataset(
                                UploadedDataset.VERSION,
                                name,
                                1,
                                28,
                                List.of("a", "b"),
                                List.of(1, 1),
                                List.of(),
                                0,
                                null,
                                null,
                                0,
                                UploadedDataset.HELD_OUT_EVERY),
                        new byte[2 * 28 * 28],
                        new byte[] {0, 1});
        given().contentType("application/json")
                .body(Map.of("model", "dcgan-cifar10", "dataset", name))
                .post("/api/v1/runs")
                .then()
                .statusCode(400)
                .body("detail", containsString("data set " + name + " has 28x28x1"));
        given().contentType("application/json")
                .body(Map.of("model", "cgan-fashion-mnist", "dataset", name))
                .post("/api/v1/runs")
                .then()
                .statusCode(400)
                .body("detail", containsString("needs 10 classes; data set " + name + " has 2"));
    }
}
