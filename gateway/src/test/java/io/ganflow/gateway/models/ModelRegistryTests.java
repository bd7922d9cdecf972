package io.ganflow.gateway.models;

import static io.ganflow.testing.Measurements.measured;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.AliasMove;
import io.ganflow.events.CheckpointParts;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.Json;
import io.ganflow.events.RunSpec;
import io.ganflow.gateway.IsolatedStoreProfile;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.RunSpecStore;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** Models by name against the real broker and store: registration, versions held for good, aliases moved once. */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class ModelRegistryTests {

    private static final CheckpointStore CHECKPOINTS =
            new CheckpointStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET));

    @Test
    void aModelIsRegisteredOnceForOneDataSetAndFamily() {
        String name = LocalInfrastructure.unique("clothes");
        register(name).statusCode(200).body("name", equalTo(name)).body("family", equalTo("cgan-fashion-mnist"));
        register(name).statusCode(200);
        given().contentType("application/json")
                .body(Map.of("dataset", "cifar-10", "family", "dcgan-cifar10"))
                .put("/api/v1/models/{name}", name)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().contentType("application/json")
                .body(Map.of("dataset", "fashion-mnist", "family", "classifier-fashion-mnist"))
                .put("/api/v1/models/{name}", LocalInfrastructure.unique("judge"))
                .then()
                .statusCode(400)
                .body("detail", containsString("family must be one of the GAN families"));
        given().get("/api/v1/models/{name}", "nothing-here").then().statusCode(404);
        // the same model again sets its promotion policy
        given().contentType("application/json")
                .body(Map.of(
                        "dataset", "fashion-mnist",
                        "family", "cgan-fashion-mnist",
                        "policy",
                                Map.of(
                                        "rules",
                                        List.of(Map.of(
                                                "alias",
                                                "staging",
                                                "when",
                                                List.of(Map.of("figure", "fcd", "atMost", 30)))))))
                .put("/api/v1/models/{name}", name)
                .then()
                .statusCode(200);
        given().get("/api/v1/models/{name}", name)
                .then()
                .statusCode(200)
                .body("model.policy.rules[0].alias", equalTo("staging"))
                .body("model.policy.rules[0].when[0].atMost", equalTo(30.0f));
    }

    @Test
    void aVersionIsARunsCheckpointWithItsProvenanceAndRetentionKeepsIt() {
        String name = LocalInfrastructure.unique("held");
        register(name).statusCode(200);
        String runId = runWithCheckpoints(100, 200);
        addVersion(name, runId, "200")
                .statusCode(201)
                .body("number", equalTo(1))
                .body("runId", equalTo(runId))
                .body("step", equalTo(200))
                .body("spec.seed", equalTo(42))
                .body("datasetVersion", equalTo("built-in"))
                .body("numerics", nullValue()) // a checkpoint without a training state says nothing of it
                .body("quality", nullValue());
        addVersion(name, runId, "100").statusCode(201).body("number", equalTo(2));
        assertTrue(CHECKPOINTS.pinnedSteps(runId).containsAll(List.of(100L, 200L)), "retention keeps both");

        addVersion(name, runId, "300").statusCode(404).body("detail", containsString("no stored checkpoint"));
        String cifarRun = LocalInfrastructure.unique("cifar");
        new RunSpecStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET))
                .save(withModel(RunSpec.defaults(cifarRun), "dcgan-cifar10", "cifar-10"));
        addVersion(name, cifarRun, "1").statusCode(400).body("detail", containsString("takes cgan-fashion-mnist"));
        given().get("/api/v1/models/{name}", name)
                .then()
                .statusCode(200)
                .body("versions.number", equalTo(List.of(1, 2)));
    }

    @Test
    void anUnregisteredVersionLetsRetentionGoAndNoAliasMovesToItButItsNumberStaysUsed() {
        String name = LocalInfrastructure.unique("unheld");
        register(name).statusCode(200);
        String runId = runWithCheckpoints(100, 200);
        addVersion(name, runId, "100").statusCode(201);
        addVersion(name, runId, "200").statusCode(201);
        move(name, "production", 2, null).statusCode(200);

        // what serves cannot be unregistered
        given().delete("/api/v1/models/{name}/versions/{number}", name, 2)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("alias production of model " + name + " points to version 2"));
        given().delete("/api/v1/models/{name}/versions/{number}", name, 1)
                .then()
                .statusCode(200)
                .body("number", equalTo(1))
                .body("unregisteredMillis", org.hamcrest.Matchers.notNullValue());
        // asked again: harmless
        given().delete("/api/v1/models/{name}/versions/{number}", name, 1)
                .then()
                .statusCode(200);
        assertEquals(List.of(200L), List.copyOf(CHECKPOINTS.pinnedSteps(runId)), "step 100 is no longer held");

        move(name, "production", 1, null)
                .statusCode(409)
                .body("detail", containsString("version 1 of model " + name + " was unregistered"));
        addVersion(name, runId, "100").statusCode(201).body("number", equalTo(3));
        given().delete("/api/v1/models/{name}/versions/{number}", name, 9)
                .then()
                .statusCode(404);
        given().delete("/api/v1/models/{name}/versions/{number}", name, "zero")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("X-API-Key", io.ganflow.gateway.OperatorKeyForRestAssured.READER_KEY)
                .delete("/api/v1/models/{name}/versions/{number}", name, 3)
                .then()
                .statusCode(403);
    }

    @Test
    void ofTwoMovesOfOneAliasAtOnceOneWinsAndTheOtherGets412() throws Exception {
        String name = LocalInfrastructure.unique("raced");
        register(name).statusCode(200);
        String runId = runWithCheckpoints(100, 200);
        addVersion(name, runId, "100").statusCode(201);
        addVersion(name, runId, "200").statusCode(201);

        String first =
                move(name, "production", 1, null).statusCode(200).extract().header("ETag");
        assertEquals("\"1\"", first);
        String second =
                move(name, "production", 2, first).statusCode(200).extract().header("ETag");
        move(name, "production", 1, first)
                .statusCode(412)
                .contentType("application/problem+json")
                .body("detail", containsString("has moved"));

        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> moves = new ArrayList<>();
        for (int version : new int[] {1, 2}) {
            moves.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return move(name, "production", version, second).extract().statusCode();
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Integer> move : moves) {
            statuses.add(move.get());
        }
        statuses.sort(Integer::compare);
        assertEquals(List.of(200, 412), statuses);

        // the history: who, from which version to which, in order; rollback is a move back
        given().get("/api/v1/models/{name}/aliases/production/history", name)
                .then()
                .statusCode(200)
                .body("move", equalTo(List.of(1, 2, 3)))
                .body("[0].fromVersion", nullValue())
                .body("[1].fromVersion", equalTo(1))
                .body("[1].toVersion", equalTo(2))
                .body("[0].movedBy", containsString("operator"));
        given().get("/api/v1/models/{name}/aliases/production", name)
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"");
        // every move is on the compacted topic, keyed by model/alias
        List<AliasMove> published = KafkaTestClient.await(
                        AliasMove.TOPIC,
                        record -> (name + "/production").equals(record.key()),
                        3,
                        Duration.ofSeconds(30))
                .stream()
                .map(record -> Json.read(record.value(), AliasMove.class))
                .toList();
        assertEquals(
                List.of(1L, 2L, 3L), published.stream().map(AliasMove::move).toList());
    }

    @Test
    void imagesByNameNeedAnAliasThatPoints() {
        String name = LocalInfrastructure.unique("served");
        register(name).statusCode(200);
        given().get("/api/v1/models/{name}/images?alias=production", name)
                .then()
                .statusCode(404)
                .body("detail", containsString("has no alias production"));
        String runId = runWithCheckpoints(100);
        addVersion(name, runId, "100").statusCode(201);
        move(name, "production", 1, null).statusCode(200);
        // the sampler is not there in this test: the request reached it, for the version's run and step
        given().get("/api/v1/models/{name}/images?alias=production&class=3", name)
                .then()
                .statusCode(503)
                .contentType("application/problem+json");
        move(name, "production", 9, null).statusCode(404).body("detail", containsString("no version 9"));
        given().contentType("application/json")
                .header("If-Match", "yesterday")
                .body(Map.of("version", 1))
                .put("/api/v1/models/{name}/aliases/production", name)
                .then()
                .statusCode(400)
                .body("detail", containsString("If-Match"));
    }

    @Test
    void aPolicyThatNamesAnUnknownFigureOrAnImpossibleThresholdIsRefused() {
        given().contentType("application/json")
                .body(Map.of(
                        "dataset", "fashion-mnist",
                        "family", "cgan-fashion-mnist",
                        "policy",
                                Map.of(
                                        "rules",
                                        List.of(Map.of(
                                                "alias",
                                                "staging",
                                                "when",
                                                List.of(
                                                        Map.of("figure", "inception", "atLeast", 3),
                                                        Map.of("figure", "accuracy", "atLeast", 2)))))))
                .put("/api/v1/models/{name}", LocalInfrastructure.unique("strict"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("rules[0].when[0].figure must be one of"))
                .body("detail", containsString("accuracy is never at least 2.0"));
    }

    @Test
    void checkpointsArePromotedAsTheyPassThePolicyAndNeverWhenTheyFail() throws Exception {
        String name = LocalInfrastructure.unique("gated");
        given().contentType("application/json")
                .body(Map.of(
                        "dataset", "fashion-mnist",
                        "family", "cgan-fashion-mnist",
                        "policy",
                                Map.of(
                                        "rules",
                                        List.of(
                                                Map.of(
                                                        "alias",
                                                        "staging",
                                                        "when",
                                                        List.of(Map.of("figure", "accuracy", "atLeast", 0.85))),
                                                Map.of(
                                                        "alias",
                                                        "production",
                                                        "when",
                                                        List.of(
                                                                Map.of("figure", "accuracy", "atLeast", 0.85),
                                                                Map.of("figure", "fcd", "beats", "production")))))))
                .put("/api/v1/models/{name}", name)
                .then()
                .statusCode(200);
        String runId = runWithCheckpoints(100, 200, 300);
        // the promotions consumer may still be joining: the first passing checkpoint is sent until it is promoted
        long deadline = System.currentTimeMillis() + 60_000;
        while (registryOf(name).getList("versions").isEmpty() && System.currentTimeMillis() < deadline) {
            KafkaTestClient.send(CheckpointQuality.TOPIC, runId, Json.write(measured(runId, 200, 20.0, 0.9)));
            Thread.sleep(1000);
        }
        KafkaTestClient.send(CheckpointQuality.TOPIC, runId, Json.write(measured(runId, 100, 10.0, 0.5)));
        KafkaTestClient.send(CheckpointQuality.TOPIC, runId, Json.write(measured(runId, 300, 25.0, 0.95)));
        while (System.currentTimeMillis() < deadline
                && !Integer.valueOf(2).equals(registryOf(name).get("aliases.staging.toVersion"))) {
            Thread.sleep(500);
        }
        io.restassured.path.json.JsonPath model = registryOf(name);
        // step 200 passed both rules; 100 failed the accuracy gate (never a version, although its FCD was lowest);
        // 300 passed staging's gate but not production's (its FCD does not beat 200's)
        assertEquals(List.of(200, 300), model.getList("versions.step"));
        assertEquals(2, model.getInt("aliases.staging.toVersion"));
        assertEquals(1, model.getInt("aliases.production.toVersion"));
        assertEquals("policy", model.getString("aliases.staging.movedBy"));
        assertTrue(model.getString("aliases.production.reason").contains("has no figure to beat"), model.prettify());
        assertTrue(model.getString("aliases.staging.reason").contains("accuracy 0.9500 >= 0.85"), model.prettify());
    }

    private static io.restassured.path.json.JsonPath registryOf(String name) {
        return given().get("/api/v1/models/{name}", name)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static io.restassured.response.ValidatableResponse register(String name) {
        return given().contentType("application/json")
                .body(Map.of("dataset", "fashion-mnist", "family", "cgan-fashion-mnist"))
                .put("/api/v1/models/{name}", name)
                .then();
    }

    private static io.restassured.response.ValidatableResponse addVersion(String name, String runId, String step) {
        return given().contentType("application/json")
                .body(Map.of("runId", runId, "step", step))
                .post("/api/v1/models/{name}/versions", name)
                .then();
    }

    private static io.restassured.response.ValidatableResponse move(
            String name, String alias, int version, String ifMatch) {
        var request = given().contentType("application/json").body(Map.of("version", version, "reason", "test"));
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        Response response = request.put("/api/v1/models/{name}/aliases/{alias}", name, alias);
        return response.then();
    }

    /** A cGAN run on Fashion-MNIST with its spec and a checkpoint at each step. */
    private static String runWithCheckpoints(long... steps) {
        String runId = LocalInfrastructure.unique("registered");
        new RunSpecStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET)).save(RunSpec.defaults(runId));
        for (long step : steps) {
            CHECKPOINTS.write(runId, step, 0, Map.of(CheckpointParts.SAMPLES, new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
        }
        return runId;
    }

    private static RunSpec withModel(RunSpec spec, String model, String dataset) {
        return new RunSpec(
                spec.runId(),
                model,
                dataset,
                spec.epochs(),
                spec.batchSize(),
                spec.learningRate(),
                spec.beta1(),
                spec.beta2(),
                spec.latentSize(),
                spec.checkpointEverySteps(),
                spec.metricsEverySteps(),
                spec.seed(),
                spec.datasetLimit());
    }
}
