package io.ganflow.gateway.http;

import io.ganflow.gateway.problems.ProblemMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A value that breaks a constraint declared on a resource's parameter or on a field of its body, as a 400 problem
 * naming it the way the client wrote it: {@code query parameter 'count' must be ..., was 0}, {@code path parameter
 * 'runId' ...}, {@code field 'imagesPerClass' ...}.
 */
public class ConstraintProblems {

    @ServerExceptionMapper
    public Response violated(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .min(Comparator.comparing(
                        violation -> violation.getPropertyPath().toString()))
                .orElseThrow(() -> new IllegalStateException("a constraint violation without violations", e));
        List<Path.Node> nodes = nodes(first.getPropertyPath());
        Path.Node last = nodes.get(nodes.size() - 1);
        String was = ", was " + shown(first.getInvalidValue());
        if (last.getKind() == ElementKind.PROPERTY) {
            return ProblemMapper.problem(
                    400, "Invalid request body", "field '" + last.getName() + "' " + first.getMessage() + was);
        }
        String parameter = jaxRsName(first.getRootBeanClass(), nodes).orElse("'" + last.getName() + "'");
        return ProblemMapper.problem(400, "Invalid parameter", parameter + " " + first.getMessage() + was);
    }

    /** {@code query parameter 'name'} or {@code path parameter 'name'}, from the method's own annotations. */
    private static Optional<String> jaxRsName(Class<?> resource, List<Path.Node> nodes) {
        Path.MethodNode method = null;
        Path.ParameterNode parameter = null;
        for (Path.Node node : nodes) {
            if (node.getKind() == ElementKind.METHOD) {
                method = node.as(Path.MethodNode.class);
            } else if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.as(Path.ParameterNode.class);
            }
        }
        if (method == null || parameter == null) {
            return Optional.empty();
        }
        Class<?>[] types = method.getParameterTypes().toArray(Class<?>[]::new);
        // the bean may be a generated subclass whose override carries no parameter annotations
        for (Class<?> type = resource; type != null; type = type.getSuperclass()) {
            try {
                Method declared = type.getDeclaredMethod(method.getName(), types);
                Parameter declaredParameter = declared.getParameters()[parameter.getParameterIndex()];
                QueryParam query = declaredParameter.getAnnotation(QueryParam.class);
                PathParam path = declaredParameter.getAnnotation(PathParam.class);
                if (query != null) {
                    return Optional.of("query parameter '" + query.value() + "'");
                }
                if (path != null) {
                    return Optional.of("path parameter '" + path.value() + "'");
                }
            } catch (NoSuchMethodException e) {
                // declared further up
            }
        }
        return Optional.empty();
    }

    private static List<Path.Node> nodes(Path path) {
        List<Path.Node> nodes = new java.util.ArrayList<>();
        path.forEach(nodes::add);
        return nodes;
    }

    private static String shown(Object value) {
        return value instanceof String text ? "'" + ParameterChecks.printable(text) + "'" : String.valueOf(value);
    }
}
