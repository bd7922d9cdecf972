package io.ganflow.gateway.http;

import io.ganflow.gateway.problems.ProblemMapper;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses an API path with a "." or ".." segment, written out or percent-encoded, before it is routed: the HTTP
 * layer would resolve {@code /api/v1/runs/../events} to {@code /api/v1/events}, another resource than the client
 * named. Checked on the path as it arrived, not as it was normalised.
 */
public class DotSegments {

    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)(\\.|%2e){1,2}(/|$)");

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuse(HttpServerRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = (query < 0 ? uri : uri.substring(0, query)).toLowerCase(Locale.ROOT);
        if (!path.startsWith("/api/") || !DOT_SEGMENT.matcher(path).find()) {
            return Optional.empty();
        }
        return Optional.of(ProblemMapper.problem(
                400, "Bad request", "a path must not have '.' or '..' segments: name the resource itself"));
    }
}
