package io.ganflow.gateway.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ganflow.gateway.problems.ProblemMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The AsyncAPI document of the Kafka interface (contracts/v1/asyncapi.yaml, copied in at build), beside the OpenAPI
 * one and like it: YAML (or {@code ?format=yaml}), or JSON with {@code ?format=json}; any other format is a 400. Rendered for people at /asyncapi.html.
 */
@Path("/asyncapi")
public class AsyncApiResource {

    static final String DOCUMENT = "contracts/asyncapi.yaml";
    static final String YAML = "application/yaml";

    private final String yaml = read();
    private final String json = toJson(yaml);

    @GET
    @Operation(hidden = true)
    public Response document(@QueryParam("format") String format) {
        if (format != null && !format.equals("json") && !format.equals("yaml")) {
            return ProblemMapper.problem(400, "Invalid parameter", "format must be json or yaml, was " + format);
        }
        boolean asJson = "json".equals(format);
        return Response.ok(asJson ? json : yaml, asJson ? "application/json" : YAML + ";charset=UTF-8")
                .header("Cache-Control", "no-cache")
                .build();
    }

    private static String read() {
        try (InputStream in = AsyncApiResource.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is not on the class path: the build copies it there");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String toJson(String yaml) {
        try {
            return new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
