package io.ganflow.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * How an OpenAPI document differs from the published one, as a client generated from the published one sees it
 * (openapi-diff): breaking when such a client can fail (a removed operation or response field, a new required
 * request field, a changed type, a removed enum value), compatible otherwise.
 */
record ContractDiff(boolean identical, boolean breaking, String report) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ContractDiff between(String published, String current) {
        if (tree(published).equals(tree(current))) {
            return new ContractDiff(true, false, "");
        }
        ChangedOpenApi changes = OpenApiCompare.fromContents(published, current);
        return new ContractDiff(false, changes.isIncompatible(), render(changes));
    }

    private static JsonNode tree(String document) {
        try {
            return JSON.readTree(document);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a JSON document: " + e.getMessage(), e);
        }
    }

    private static String render(ChangedOpenApi changes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            new MarkdownRender().render(changes, writer);
        } catch (Exception e) {
            return "(the changes could not be listed: " + e.getMessage() + ")";
        }
        String report = bytes.toString(StandardCharsets.UTF_8).strip();
        return report.isEmpty() ? "only descriptions, examples or other metadata changed" : report;
    }
}
