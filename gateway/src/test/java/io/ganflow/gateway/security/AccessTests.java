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
        return send(method, path, new String[] {header, value});
    }

    /** {@code headers}: name, value, name, value, ... (a null name: none). */
    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        HttpRequest.BodyPublishers.ofString(
                                method.equals("GET")
                                        ? ""
                                        : "{\"runId\":\"" + LocalInfrastructure.unique("access") + "\"}"));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i] != null) {
                request.header(headers[i], headers[i + 1]);
            }
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
    void signingInSetsACookieNoScriptCanReadAndNoOtherSiteMakesABrowserSend() throws Exception {
        HttpResponse<String> signedIn =
                send("POST", "api/v1/session", "X-API-Key", OperatorKeyForRestAssured.OPERATOR_KEY);
        assertEquals(200, signedIn.statusCode());
        assertTrue(signedIn.body().contains("\"OPERATOR\""), signedIn.body());
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cookie.startsWith(ApiKeys.COOKIE + "=" + OperatorKeyForRestAssured.OPERATOR_KEY + ";"), cookie);
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        assertEquals(
                400,
                send(
                                "POST",
                                "api/v1/session",
                                "Cookie",
                                ApiKeys.COOKIE + "=" + OperatorKeyForRestAssured.OPERATOR_KEY,
                                "Sec-Fetch-Site",
                                "same-origin")
                        .statusCode(),
                "a session is made from a key in a header, not from the cookie");
        HttpResponse<String> signedOut =
                send("DELETE", "api/v1/session", "X-API-Key", OperatorKeyForRestAssured.READER_KEY);
        assertEquals(204, signedOut.statusCode());
        assertTrue(signedOut.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
    }

    @Test
    void aChangeAuthenticatedByTheCookieMustComeFromTheGatewaysOwnPages() throws Exception {
        String cookie = ApiKeys.COOKIE + "=" + OperatorKeyForRestAssured.OPERATOR_KEY;
        String self = "http://" + base.getHost() + ":" + base.getPort();
        for (String[] crossSite : new String[][] {
            {"Cookie", cookie, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"},
            {"Cookie", cookie, "Sec-Fetch-Site", "same-site"},
            {"Cookie", cookie, "Origin", "https://evil.example"},
            {"Cookie", cookie, "Origin", "null"},
            {"Cookie", cookie, "Origin", self.replace(String.valueOf(base.getPort()), "1")},
            {"Cookie", cookie}
        }) {
            HttpResponse<String> refused = send("POST", "api/v1/runs", crossSite);
            assertEquals(403, refused.statusCode(), String.join(" ", crossSite));
            assertTrue(refused.body().contains("Cross-site request refused"), refused.body());
        }
        assertEquals(
                201,
                send("POST", "api/v1/runs", "Cookie", cookie, "Sec-Fetch-Site", "same-origin")
                        .statusCode());
        assertEquals(
                201,
                send("POST", "api/v1/runs", "Cookie", cookie, "Origin", self).statusCode());
        assertEquals(
                200,
                send("GET", "api/v1/runs", "Cookie", cookie, "Sec-Fetch-Site", "cross-site")
                        .statusCode(),
                "reading is not refused: another site cannot read the answer");
        assertEquals(
                201,
                send(
                                "POST",
                                "api/v1/runs",
                                "X-API-Key",
                                OperatorKeyForRestAssured.OPERATOR_KEY,
                                "Sec-Fetch-Site",
                                "cross-site")
                        .statusCode(),
                "a key in a header is no browser's doing");
    }

    @Test
    void thePagesAndTheApiDescriptionNeedNoKey() throws Exception {
        // the web UI itself is built into the packaged gateway only (Quinoa is off in tests): the browser tests load
        // it before they sign in; here, the Kafka interface's page
        assertEquals(200, send("GET", "asyncapi.html", null, null).statusCode());
        HttpResponse<String> openApi = send("GET", "q/openapi", null, null);
        assertEquals(200, openApi.statusCode());
        assertTrue(openApi.body().contains("/api/v1/synthetic-datasets"));
        assertTrue(openApi.body().contains("X-API-Key"), "the document says how to authenticate");
    }
}
