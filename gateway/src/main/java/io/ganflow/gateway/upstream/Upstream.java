package io.ganflow.gateway.upstream;

import io.ganflow.gateway.problems.ProblemException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Passes an internal service's answer on as it is (problem+json errors included), or a 503 when it is down. */
public final class Upstream {

    /** A service that is away is usually back (restarted) within this. */
    static final int RETRY_AFTER_SECONDS = 5;

    private Upstream() {}

    public static Response relay(String service, Supplier<Response> call, List<String> passedHeaders) {
        Response upstream;
        try {
            upstream = call.get();
        } catch (ProcessingException e) {
            throw new ProblemException(
                    503,
                    "Service unavailable",
                    "the " + service + " cannot be reached",
                    Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)));
        }
        try (upstream) {
            byte[] body = upstream.readEntity(byte[].class);
            Response.ResponseBuilder relayed =
                    Response.status(upstream.getStatus()).entity(body).type(upstream.getMediaType());
            for (String header : passedHeaders) {
                String value = upstream.getHeaderString(header);
                if (value != null) {
                    relayed.header(header, value);
                }
            }
            return relayed.build();
        }
    }
}
