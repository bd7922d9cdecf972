package io.ganflow.gateway.security;

import io.ganflow.gateway.openapi.ApiDocument;
import io.ganflow.gateway.openapi.ProblemResponses;
import io.ganflow.gateway.problems.ProblemMapper;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Signs the web UI in: the page sends the key once in a header, and the gateway answers with the cookie that then
 * carries it (images and event streams in a page cannot send headers). The cookie is {@code HttpOnly} (no script
 * can read the key back) and {@code SameSite=Strict} (no other site's page makes a browser send it), and
 * {@code Secure} when the gateway is reached over HTTPS.
 */
@Path(SessionResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.SESSION)
public class SessionResource {

    static final String PATH = "/api/v1/session";

    private final ApiKeys keys;

    public SessionResource(ApiKeys keys) {
        this.keys = keys;
    }

    /** @param role what the key may do: OPERATOR everything, READER only read */
    public record SignedIn(Role role) {}

    @GET
    @Operation(
            operationId = "getSession",
            summary = "What the caller's key may do",
            description = "The role of the key the request carries (the cookie or a header): the web UI shows an "
                    + "operator's actions only to an operator.")
    @APIResponse(
            responseCode = "200",
            description = "The key's role",
            content = @Content(schema = @Schema(implementation = SignedIn.class)))
    public SignedIn current(@Context ContainerRequestContext request) {
        return new SignedIn(keys.roleOf(ApiKeys.presented(request).map(ApiKeys.Presented::key))
                .orElseThrow());
    }

    @POST
    @Operation(
            operationId = "signIn",
            summary = "Sign the web UI in",
            description = "Send the key in a header; the answer sets the ganflow-key cookie (HttpOnly, "
                    + "SameSite=Strict) and says the key's role.")
    @APIResponse(
            responseCode = "200",
            description = "Signed in; Set-Cookie holds the key",
            content = @Content(schema = @Schema(implementation = SignedIn.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public Response signIn(@Context ContainerRequestContext request) {
        ApiKeys.Presented presented = ApiKeys.presented(request).orElseThrow();
        if (presented.fromCookie()) {
            return ProblemMapper.problem(
                    400,
                    "Key in a header needed",
                    "sign in with the key in 'Authorization: Bearer KEY' or 'X-API-Key'");
        }
        Role role = keys.roleOf(Optional.of(presented.key())).orElseThrow();
        return Response.ok(new SignedIn(role))
                .header(HttpHeaders.SET_COOKIE, cookie(presented.key(), request))
                .build();
    }

    @DELETE
    @Operation(
            operationId = "signOut",
            summary = "Sign the web UI out",
            description = "Removes the ganflow-key cookie.")
    @APIResponse(responseCode = "204", description = "Signed out; Set-Cookie removes the cookie")
    public Response signOut(@Context ContainerRequestContext request) {
        return Response.noContent()
                .header(HttpHeaders.SET_COOKIE, cookie("", request) + "; Max-Age=0")
                .build();
    }

    /** A session cookie (gone when the browser closes), written out: JAX-RS' NewCookie adds an obsolete Version=1. */
    private static String cookie(String value, ContainerRequestContext request) {
        boolean https =
                "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme())
                        || "https".equalsIgnoreCase(request.getHeaderString("X-Forwarded-Proto"));
        return ApiKeys.COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }
}
