package io.ganflow.gateway.http;

import io.ganflow.gateway.problems.ProblemMapper;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * What constraints on a parameter cannot say, checked before an API resource is called: a parameter given twice, a
 * query parameter the endpoint does not have, and a number that is not a whole number of its parameter's type
 * (JAX-RS would answer 404 for it). Each is a 400 naming the parameter, in the words of its constraint. The limits
 * themselves are declared on each resource's parameters ({@link WholeNumber}, {@link OneOf}, {@link StepOrBest},
 * {@link ResourceId}) and checked by Bean Validation ({@link ConstraintProblems}).
 */
public class ParameterChecks {

    private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,19}");

    /** A query or path parameter of a resource method, as its annotations declare it. */
    record Declared(String name, boolean query, Parameter parameter) {

        boolean numeric() {
            Class<?> type = parameter.getType();
            return type == int.class || type == Integer.class || type == long.class || type == Long.class;
        }

        /** Why {@code value} is not a whole number of this parameter's type, or empty. */
        Optional<String> notWhole(String value) {
            if (!numeric() || (value != null && WHOLE.matcher(value).matches() && fitsItsType(value))) {
                return Optional.empty();
            }
            return Optional.of(rule() + ", was '" + printable(value) + "'");
        }

        private boolean wide() {
            return parameter.getType() == long.class || parameter.getType() == Long.class;
        }

        private boolean fitsItsType(String whole) {
            try {
                if (wide()) {
                    Long.parseLong(whole);
                } else {
                    Integer.parseInt(whole);
                }
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        /** The parameter's rule in its constraint's own words, so that both refusals of one value read alike. */
        private String rule() {
            WholeNumber range = parameter.getAnnotation(WholeNumber.class);
            if (range != null) {
                return range.message()
                        .replace("{min}", String.valueOf(range.min()))
                        .replace("{max}", String.valueOf(range.max()));
            }
            OneOf oneOf = parameter.getAnnotation(OneOf.class);
            if (oneOf != null) {
                return oneOf.message().replace("{value}", Arrays.toString(oneOf.value()));
            }
            return "must be a whole number from " + (wide() ? Long.MIN_VALUE : Integer.MIN_VALUE) + " to "
                    + (wide() ? Long.MAX_VALUE : Integer.MAX_VALUE);
        }
    }

    private final Map<Method, List<Declared>> declared = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        return problem(
                        declared.computeIfAbsent(method, ParameterChecks::declaredBy),
                        request.getUriInfo().getQueryParameters(),
                        request.getUriInfo().getPathParameters())
                .map(detail -> ProblemMapper.problem(400, "Invalid parameter", detail));
    }

    private static Optional<String> problem(
            List<Declared> parameters, MultivaluedMap<String, String> query, MultivaluedMap<String, String> path) {
        for (String name : query.keySet()) {
            if (parameters.stream().noneMatch(p -> p.query() && p.name().equals(name))) {
                List<String> known = parameters.stream()
                        .filter(Declared::query)
                        .map(Declared::name)
                        .toList();
                return Optional.of("query parameter '" + printable(name) + "' is not one of this endpoint's: "
                        + (known.isEmpty() ? "it takes none" : String.join(", ", known)));
            }
        }
        for (Declared parameter : parameters) {
            List<String> values = (parameter.query() ? query : path).get(parameter.name());
            if (values == null || values.isEmpty()) {
                continue;
            }
            String where = (parameter.query() ? "query" : "path") + " parameter '" + parameter.name() + "' ";
            if (values.size() > 1) {
                return Optional.of(where + "is given " + values.size() + " times; give it once");
            }
            Optional<String> notWhole = parameter.notWhole(values.get(0));
            if (notWhole.isPresent()) {
                return Optional.of(where + notWhole.get());
            }
        }
        return Optional.empty();
    }

    private static List<Declared> declaredBy(Method method) {
        List<Declared> parameters = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            PathParam path = parameter.getAnnotation(PathParam.class);
            if (query != null) {
                parameters.add(new Declared(query.value(), true, parameter));
            } else if (path != null) {
                parameters.add(new Declared(path.value(), false, parameter));
            }
        }
        return List.copyOf(parameters);
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
