package io.ganflow.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ganflow.gateway.IsolatedStoreProfile;
import io.ganflow.testing.contracts.AsyncApiContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the gateway serves is the committed contract of its API version, {@code
 * contracts/v1/openapi.json}. A breaking change fails, whatever is committed with it, until the version is raised; a
 * compatible one fails until it is published with {@code ./gan contracts accept} (which runs this test with {@code
 * -Dganflow.contracts.accept=true}), so that the committed contract is always what clients get.
 */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class PublishedContractTests {

    static final Path PUBLISHED = Path.of("..", "contracts", "v" + ApiDocument.VERSION, "openapi.json")
            .toAbsolutePath()
            .normalize();

    @Test
    void theServedDocumentIsThePublishedContractOfItsVersion() throws IOException {
        String served = served();
        boolean accept = Boolean.getBoolean("ganflow.contracts.accept");
        if (!Files.exists(PUBLISHED)) {
            assertTrue(
                    accept,
                    "API v" + ApiDocument.VERSION + " has no published contract at " + PUBLISHED
                            + "; ./gan contracts accept writes it");
            publish(served);
            return;
        }
        ContractDiff diff = ContractDiff.between(Files.readString(PUBLISHED), served);
        assertFalse(
                diff.breaking(),
                "the API breaks its published contract " + PUBLISHED + ":\n" + diff.report()
                        + "\nMake the change compatible, or raise ApiDocument.VERSION (README, 'API contracts').");
        if (accept && !diff.identical()) {
            publish(served);
            return;
        }
        assertTrue(
                diff.identical(),
                "the API changed compatibly but its contract is not published:\n" + diff.report()
                        + "\n./gan contracts accept publishes it to " + PUBLISHED);
    }

    @Test
    void everyAnswerSaysWhichOfItsFieldsAreAlwaysThere() throws IOException {
        JsonNode document = new ObjectMapper().readTree(served());
        JsonNode schemas = document.path("components").path("schemas");
        Set<String> answers = new TreeSet<>();
        document.path("paths")
                .forEach(path -> path.forEach(operation -> operation
                        .path("responses")
                        .forEach(response ->
                                response.path("content").forEach(media -> referenced(media, schemas, answers)))));
        assertTrue(answers.contains("RunView") && answers.contains("CheckpointQuality"), answers.toString());
        for (String answer : answers) {
            JsonNode schema = schemas.path(answer);
            if (schema.has("properties")) {
                assertTrue(
                        schema.has("required"),
                        answer + " is an answer of the API but names no required field: add its record to "
                                + "AnswerFields.ANSWERS");
            }
        }
    }

    @Test
    void theKafkaContractIsServedAsPublishedInYamlAndJson() throws IOException {
        String published = Files.readString(AsyncApiContract.PUBLISHED);
        String yaml = given().get("/asyncapi")
                .then()
                .statusCode(200)
                .contentType(containsString("application/yaml"))
                .extract()
                .asString();
        assertEquals(published, yaml);
        String json = given().get("/asyncapi?format=json")
                .then()
                .statusCode(200)
                .contentType(containsString("application/json"))
                .extract()
                .asString();
        assertEquals(AsyncApiContract.of(published).document(), new ObjectMapper().readTree(json));
    }

    @Test
    void anUnknownFormatOfTheKafkaContractIsAProblemNotADocument() {
        for (String format : List.of("xml", "JSON ", "json;yaml")) {
            given().queryParam("format", format)
                    .get("/asyncapi")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("format must be json or yaml"));
        }
        given().queryParam("format", "yaml")
                .get("/asyncapi")
                .then()
                .statusCode(200)
                .contentType(containsString("yaml"));
    }

    /** The schemas {@code node} refers to, and those they refer to in turn. */
    private static void referenced(JsonNode node, JsonNode schemas, Set<String> found) {
        if (node.has("$ref")) {
            String name = node.get("$ref").asText().replace("#/components/schemas/", "");
            if (found.add(name)) {
                referenced(schemas.path(name), schemas, found);
            }
        }
        node.forEach(child -> referenced(child, schemas, found));
    }

    private static String served() {
        return given().accept("application/json")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static void publish(String served) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Files.createDirectories(PUBLISHED.getParent());
        Files.writeString(
                PUBLISHED, json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(served)) + "\n");
    }
}
