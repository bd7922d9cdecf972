package io.ganflow.gateway.security;

import io.ganflow.gateway.problems.ProblemMapper;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every API call needs a key: reading (GET) a reader's or an operator's, anything else (start and stop runs, upload
 * data sets, create synthetic data sets) an operator's. The page, its scripts, OpenAPI, health and metrics are
 * served outside the API and stay open.
 */
public class AccessFilter {

    private final ApiKeys keys;

    public AccessFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> checkKey(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        Role needed = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())
                ? Role.READER
                : Role.OPERATOR;
        Optional<Role> role = keys.roleOf(ApiKeys.presentedKey(request));
        if (role.isEmpty()) {
            return Optional.of(Response.fromResponse(ProblemMapper.problem(
                            401,
                            "API key needed",
                            "send an API key as 'Authorization: Bearer KEY' or 'X-API-Key: KEY'"))
                    .header("WWW-Authenticate", "Bearer")
                    .build());
        }
        if (!role.get().mayDo(needed)) {
            return Optional.of(ProblemMapper.problem(
                    403,
                    "Operator key needed",
                    request.getMethod() + " " + request.getUriInfo().getPath()
                            + " changes the system: it needs an operator key, this one is read-only"));
        }
        return Optional.empty();
    }
}
