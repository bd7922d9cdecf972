package io.ganflow.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.gateway.IsolatedStoreProfile;
import io.ganflow.gateway.OperatorKeyForRestAssured;
import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Who may do what, as a client without RestAssured's default operator key sees it. */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class AccessTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    private HttpResponse<String> send(String method, String path, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        HttpRequest.BodyPublishers.ofString(
                                method.equals("GET")
                                        ? ""
                                        : "{\"runId\":\"" + LocalInfrastructure.unique("access") + "\"}"));
        if (header != null) {
            request.header(header, value);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutAValidKeyTheApiAnswers401AndSaysHowToSendOne() throws Exception {
        for (HttpResponse<String> response : new HttpResponse[] {
            send("GET", "api/v1/runs", null, null),
            send("GET", "api/v1/runs", "Authorization", "Bearer not-a-key"),
            send("POST", "api/v1/runs", "X-API-Key", "not-a-key")
        }) {
            assertEquals(401, response.statusCode());
            assertEquals(
                    "application/problem+json",
                    response.headers().firstValue("Content-Type").orElse(""));
            assertEquals(
                    "Bearer", response.headers().firstValue("WWW-Authenticate").orElse(""));
            assertTrue(response.body().contains("X-API-Key"), response.body());
        }
    }

    @Test
    void aReaderKeyReadsButOnlyAnOperatorKeyChangesThings() throws Exception {
        String reader = OperatorKeyForRestAssured.READER_KEY;
        assertEquals(
                200,
                send("GET", "api/v1/runs", "Authorization", "Bearer " + reader).statusCode());
        assertEquals(
                200,
                send("GET", "api/v1/synthetic-datasets", "Cookie", ApiKeys.COOKIE + "=" + reader)
                        .statusCode());

        HttpResponse<String> refused = send("POST", "api/v1/runs", "Authorization", "Bearer " + reader);
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("needs an operator key"), refused.body());
        assertEquals(
                403,
                send("POST", "api/v1/synthetic-datasets", "X-API-Key", reader).statusCode());

        assertEquals(
                201,
                send("POST", "api/v1/runs", "X-API-Key", OperatorKeyForRestAssured.OPERATOR_KEY)
                        .statusCode());
    }

    @Test
    void thePageAndTheApiDescriptionNeedNoKey() throws Exception {
        assertEquals(200, send("GET", "", null, null).statusCode());
        HttpResponse<String> openApi = send("GET", "q/openapi", null, null);
        assertEquals(200, openApi.statusCode());
        assertTrue(openApi.body().contains("/api/v1/synthetic-datasets"));
        assertTrue(openApi.body().contains("X-API-Key"), "the document says how to authenticate");
    }
}
