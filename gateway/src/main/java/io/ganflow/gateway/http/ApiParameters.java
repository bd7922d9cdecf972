package io.ganflow.gateway.http;

import io.ganflow.events.Catalog;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.Ids;
import io.ganflow.events.ImageRequestLimits;
import io.ganflow.gateway.problems.ProblemMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every path and query parameter of the API is checked before a resource sees it, by its name, the same way on
 * every endpoint: a malformed or out-of-range value is a 400 naming the parameter, never a 404 (what JAX-RS answers
 * for a value it cannot convert) nor a 500 (a run id such as {@code ../../datasets/x} never becomes an object key).
 * A parameter given twice is refused too; parameters the API does not have are ignored.
 */
public class ApiParameters {

    /** Why a value is not acceptable, or empty when it is. */
    @FunctionalInterface
    interface Rule {
        Optional<String> problem(String value);
    }

    static final int MAX_PAGE = 1000;

    private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,19}");

    private static final Map<String, Rule> PATH = Map.of(
            "runId", id(),
            "name", id(),
            "requestId", id(),
            "step", stepOrBest());

    private static final Map<String, Rule> QUERY = Map.of(
            "seed", whole(Long.MIN_VALUE, Long.MAX_VALUE),
            "columns", whole(1, ImageRequestLimits.MAX_GRID_COLUMNS),
            "count", whole(1, ImageRequestLimits.MAX_IMAGES),
            "class", whole(0, Catalog.CONDITIONAL_CLASSES - 1),
            "step", stepOrBest(),
            "after", whole(-1, CheckpointManifest.MAX_STEP),
            "limit", whole(1, MAX_PAGE),
            "side", whole(8, 128),
            "channels", oneOf("1", "3"));

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        return problem("path", request.getUriInfo().getPathParameters(), PATH)
                .or(() -> problem("query", request.getUriInfo().getQueryParameters(), QUERY))
                .map(detail -> ProblemMapper.problem(400, "Invalid parameter", detail));
    }

    private static Optional<String> problem(
            String where, MultivaluedMap<String, String> given, Map<String, Rule> rules) {
        for (Map.Entry<String, List<String>> parameter : given.entrySet()) {
            Rule rule = rules.get(parameter.getKey());
            if (rule == null) {
                continue;
            }
            if (parameter.getValue().size() > 1) {
                return Optional.of(where + " parameter '" + parameter.getKey() + "' is given "
                        + parameter.getValue().size() + " times; give it once");
            }
            Optional<String> problem = rule.problem(parameter.getValue().get(0));
            if (problem.isPresent()) {
                return Optional.of(where + " parameter '" + parameter.getKey() + "' " + problem.get());
            }
        }
        return Optional.empty();
    }

    static Rule id() {
        return value -> Ids.isValid(value) ? Optional.empty() : Optional.of("must be " + Ids.RULE);
    }

    static Rule whole(long min, long max) {
        return value -> {
            String range = "a whole number from " + min + " to " + max;
            if (value == null || !WHOLE.matcher(value).matches()) {
                return Optional.of("must be " + range + ", was '" + printable(value) + "'");
            }
            try {
                long number = Long.parseLong(value);
                return number >= min && number <= max
                        ? Optional.empty()
                        : Optional.of("must be " + range + ", was " + number);
            } catch (NumberFormatException e) {
                return Optional.of("must be " + range + ", was '" + value + "'");
            }
        };
    }

    /** A checkpoint's step, or {@code best}: the stored checkpoint with the lowest FCD. */
    static Rule stepOrBest() {
        Rule step = whole(0, CheckpointManifest.MAX_STEP);
        return value -> "best".equals(value)
                ? Optional.empty()
                : step.problem(value).map(problem -> problem.replace("must be ", "must be 'best' or "));
    }

    static Rule oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        return value -> values.contains(value)
                ? Optional.empty()
                : Optional.of("must be one of " + values + ", was '" + printable(value) + "'");
    }

    /** At most 40 characters of what a client sent, without control characters, for a problem's detail. */
    static String printable(String value) {
        if (value == null) {
            return "";
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
