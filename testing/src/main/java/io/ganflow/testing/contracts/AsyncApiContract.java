package io.ganflow.testing.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * The Kafka interface as its AsyncAPI document describes it, and nothing else: which topics there are, and whether a
 * message's key and value are what a topic's message says. What a service built only on the contract can know.
 */
public final class AsyncApiContract {

    /** The published contract of the current version, from a module folder. */
    public static final Path PUBLISHED = Path.of("..", "contracts", "v1", "asyncapi.yaml");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    /** More references in a row than any document has: they go round in a circle. */
    private static final int MAX_REFERENCE_HOPS = 32;

    private final JsonNode document;

    private AsyncApiContract(JsonNode document) {
        this.document = document;
    }

    public static AsyncApiContract read(Path yaml) {
        try {
            return of(Files.readString(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From the document's text, YAML or JSON. */
    public static AsyncApiContract of(String text) {
        try {
            return new AsyncApiContract(new ObjectMapper(new YAMLFactory()).readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** The topics of the document's channels. */
    public List<String> topics() {
        List<String> topics = new ArrayList<>();
        document.path("channels")
                .forEach(channel -> topics.add(channel.path("address").asText()));
        return topics;
    }

    /** The message a topic carries (its one message, with references followed). */
    public JsonNode message(String topic) {
        for (JsonNode channel : document.path("channels")) {
            if (topic.equals(channel.path("address").asText())) {
                return resolve(channel.path("messages").elements().next());
            }
        }
        throw new NoSuchElementException("the contract has no channel for topic " + topic);
    }

    /** The schema of a topic's message values, with references followed at its top. */
    public JsonNode payloadSchema(String topic) {
        return resolve(message(topic).path("payload"));
    }

    /** What is wrong with {@code value} as a message of {@code topic} (empty: it is one). */
    public List<String> valueProblems(String topic, String value) {
        return problems(message(topic).path("payload"), value);
    }

    /** What is wrong with {@code key} as the key of a message of {@code topic} (empty: it is one). */
    public List<String> keyProblems(String topic, String key) {
        JsonNode keySchema =
                resolve(message(topic).path("bindings").path("kafka").path("key"));
        String pattern = keySchema.path("pattern").asText(null);
        if (key == null) {
            return List.of("a message of " + topic + " needs a key");
        }
        return pattern == null || Pattern.compile(pattern).matcher(key).find()
                ? List.of()
                : List.of("key '" + key + "' does not match " + pattern);
    }

    /** Follows {@code $ref}s that point into this document until a node that is not one. */
    public JsonNode resolve(JsonNode node) {
        JsonNode at = node;
        for (int hops = 0; at.has("$ref"); hops++) {
            if (hops == MAX_REFERENCE_HOPS) {
                throw new IllegalArgumentException("references go round in a circle at " + node.get("$ref"));
            }
            String pointer = at.get("$ref").asText();
            if (!pointer.startsWith("#/")) {
                throw new IllegalArgumentException("only references inside the document are read: " + pointer);
            }
            at = document.at(pointer.substring(1));
            if (at.isMissingNode()) {
                throw new NoSuchElementException("the contract has nothing at " + pointer);
            }
        }
        return at;
    }

    private List<String> problems(JsonNode schemaNode, String json) {
        JsonNode value;
        try {
            value = JSON.readTree(json);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        // the schema with the document's components beside it, so that its references resolve as in the document
        ObjectNode schema = JSON.createObjectNode();
        schema.setAll((ObjectNode) schemaNode.deepCopy());
        schema.set("components", document.path("components"));
        JsonSchema validator = SCHEMAS.getSchema(schema);
        return validator.validate(value).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }
}
