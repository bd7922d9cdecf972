package io.ganflow.gateway.security;

import io.ganflow.gateway.problems.ProblemMapper;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every API call needs a key: reading (GET) a reader's or an operator's, anything else (start and stop runs, upload
 * data sets, create synthetic data sets) an operator's; signing the web UI in or out ({@link SessionResource}) any
 * key. A call that changes something and is authenticated only by the UI's cookie must come from the gateway's own
 * pages ({@link SameOrigin}): otherwise any site a signed-in user visits could stop their runs. The page, its
 * scripts, OpenAPI, health and metrics are served outside the API and stay open.
 */
public class AccessFilter {

    private final ApiKeys keys;

    public AccessFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> checkKey(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return Optional.empty();
        }
        boolean safe = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
        Role needed = safe || path.equals(SessionResource.PATH) ? Role.READER : Role.OPERATOR;
        Optional<ApiKeys.Presented> presented = ApiKeys.presented(request);
        Optional<Role> role = keys.roleOf(presented.map(ApiKeys.Presented::key));
        if (role.isEmpty()) {
            return Optional.of(Response.fromResponse(ProblemMapper.problem(
                            401,
                            "API key needed",
                            "send an API key as 'Authorization: Bearer KEY' or 'X-API-Key: KEY'"))
                    .header("WWW-Authenticate", "Bearer")
                    .build());
        }
        if (!safe && presented.get().fromCookie() && !SameOrigin.holds(request)) {
            return Optional.of(ProblemMapper.problem(
                    403,
                    "Cross-site request refused",
                    request.getMethod() + " " + path + " came with the web UI's cookie but not from its pages; "
                            + "other clients send their key in a header"));
        }
        if (!role.get().mayDo(needed)) {
            return Optional.of(ProblemMapper.problem(
                    403,
                    "Operator key needed",
                    request.getMethod() + " " + path
                            + " changes the system: it needs an operator key, this one is read-only"));
        }
        return Optional.empty();
    }
}
