package io.ganflow.gateway.runs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.Json;
import io.ganflow.events.RunCommand;
import io.ganflow.events.RunSpec;
import io.ganflow.gateway.IsolatedStoreProfile;
import io.ganflow.store.RunSpecStore;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class RunResourceTests {

    @Test
    void aStartedRunIsRecordedAnnouncedAndListed() {
        String runId = LocalInfrastructure.unique("ui");
        given().contentType("application/json")
                .body(Map.of("runId", runId, "epochs", 3, "batchSize", 64, "datasetLimit", 128))
                .post("/api/v1/runs")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/runs/" + runId))
                .body("state", equalTo("PENDING"), "spec.epochs", equalTo(3), "spec.learningRate", equalTo(2e-4f));

        RunSpec stored = new RunSpecStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET))
                .load(runId)
                .orElseThrow();
        assertEquals(64, stored.batchSize());
        List<RunCommand> commands =
                KafkaTestClient.await(RunCommand.TOPIC, r -> runId.equals(r.key()), 1, Duration.ofSeconds(30)).stream()
                        .map(r -> Json.read(r.value(), RunCommand.class))
                        .toList();
        assertEquals(1, commands.size());
        assertEquals(RunCommand.Type.START, commands.get(0).type());
        given().get("/api/v1/runs").then().statusCode(200).body("runId", hasItem(runId));
    }

    @Test
    void aStoppedRunIsRecordedInTheStoreAnnouncedToTheTrainersAndShownStopped() {
        String runId = LocalInfrastructure.unique("stop");
        given().contentType("application/json")
                .body(Map.of("runId", runId))
                .post("/api/v1/runs")
                .then()
                .statusCode(201);
        given().post("/api/v1/runs/" + runId + "/stop")
                .then()
                .statusCode(202)
                .body("state", equalTo("STOPPED"), "message", equalTo("stopped by a user"));

        assertTrue(new RunSpecStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET)).isStopped(runId));
        List<RunCommand> commands =
                KafkaTestClient.await(RunCommand.TOPIC, r -> runId.equals(r.key()), 2, Duration.ofSeconds(30)).stream()
                        .map(r -> Json.read(r.value(), RunCommand.class))
                        .toList();
        assertEquals(
                List.of(RunCommand.Type.START, RunCommand.Type.STOP),
                commands.stream().map(RunCommand::type).toList());
        given().get("/api/v1/runs/" + runId).then().body("state", equalTo("STOPPED"));

        given().post("/api/v1/runs/" + runId + "/stop")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("already STOPPED"));
        given().post("/api/v1/runs/no-such-run/stop").then().statusCode(404);
    }

    @Test
    void anInvalidRunIsRefusedWithAProblemAndNothingPublished() {
        String runId = LocalInfrastructure.unique("invalid");
        given().contentType("application/json")
                .body(Map.of("runId", runId, "epochs", 0, "model", "vae"))
                .post("/api/v1/runs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "title",
                        equalTo("Invalid run"),
                        "detail",
                        containsString("epochs must be between 1 and 10000"),
                        "detail",
                        containsString("model must be one of [cdcgan-cifar10, cgan-fashion-mnist, classifier-cifar10, "
                                + "classifier-fashion-mnist, dcgan-cifar10]"));
        assertTrue(KafkaTestClient.await(RunCommand.TOPIC, r -> runId.equals(r.key()), 1, Duration.ofSeconds(3))
                .isEmpty());
        assertTrue(new RunSpecStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET))
                .load(runId)
                .isEmpty());
    }

    @Test
    void malformedJsonAndUnknownRunsAreProblems() {
        given().contentType("application/json")
                .body("{not json")
                .post("/api/v1/runs")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/v1/runs/nope")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("run nope is not known"));
        given().get("/api/v1/runs/nope/grid").then().statusCode(503).contentType("application/problem+json");
    }

    // the web UI is built by Quinoa in the packaged gateway only: WebUiEndToEndTest loads it
    @Test
    void servesTheOpenApiDocument() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/runs"));
    }
}
