package io.ganflow.gateway.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.gateway.IsolatedStoreProfile;
import io.ganflow.gateway.OperatorKeyForRestAssured;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A path with "." or ".." segments is refused as sent, not resolved to another resource: sent on a socket, since HTTP
 * clients resolve them before sending.
 */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class DotSegmentTests {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aPathThatClimbsOutOfItsResourceIsA400NotAnotherResource() throws Exception {
        // each would otherwise reach /api/v1/events, a stream of every run, or /api/v1/runs
        for (String path : List.of(
                "/api/v1/runs/../events",
                "/api/v1/runs/%2e%2e/events",
                "/api/v1/runs/%2E./events",
                "/api/v1/./runs",
                "/api/v1/runs/x/../..")) {
            String answer = raw(path);
            assertTrue(answer.startsWith("HTTP/1.1 400"), path + ": " + answer);
            assertTrue(answer.contains("application/problem+json"), path + ": " + answer);
            assertTrue(answer.contains("'..' segments"), path + ": " + answer);
        }
        // dots inside a segment are not segments of their own
        String dotted = raw("/api/v1/runs/a.b");
        assertTrue(dotted.startsWith("HTTP/1.1 400") && dotted.contains("path parameter 'runId'"), dotted);
    }

    private String raw(String path) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-API-Key: "
                                    + OperatorKeyForRestAssured.OPERATOR_KEY + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
