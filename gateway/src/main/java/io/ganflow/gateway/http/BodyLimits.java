package io.ganflow.gateway.http;

import io.ganflow.events.Json;
import io.ganflow.events.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How much a request may send, checked from its headers before any of the body is read, and answered as problem+json.
 * The API's JSON bodies are small ({@link #MAX_JSON_BYTES}); only data set uploads are large (they stream to the
 * object store, up to {@code quarkus.http.limits.max-body-size}). A JSON call that declares no length (chunked) is
 * refused too: the server would otherwise read up to the upload limit for it. Runs just before Quarkus' own limit
 * (which answers a body found too large while streaming with a bare 413).
 */
@ApplicationScoped
public class BodyLimits {

    public static final int MAX_JSON_BYTES = 64 * 1024;

    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    private final long maxUploadBytes;

    public BodyLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.maxUploadBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        String path = context.normalizedPath();
        HttpMethod method = context.request().method();
        if (!path.startsWith("/api/") || !WITH_BODY.contains(method)) {
            context.next();
            return;
        }
        boolean upload = method == HttpMethod.PUT && path.startsWith("/api/v1/datasets/");
        long limit = upload ? maxUploadBytes : MAX_JSON_BYTES;
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            if (!upload && context.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
                refuse(context, 411, "Length required", "a JSON body must say its length (Content-Length)");
                return;
            }
            context.next();
            return;
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            refuse(context, 400, "Invalid Content-Length", "Content-Length is not a number");
            return;
        }
        if (declared > limit) {
            refuse(
                    context,
                    413,
                    "Body too large",
                    (upload ? "an upload" : "a JSON body") + " is at most " + limit + " bytes, this one " + declared);
            return;
        }
        context.next();
    }

    private static void refuse(RoutingContext context, int status, String title, String detail) {
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                // the body was not read: the connection cannot carry another request
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.write(Problem.of(status, title, detail)))
                // and the gateway does not wait for a body it will not read
                .onComplete(sent -> context.request().connection().close());
    }
}
