package io.ganflow.gateway.problems;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.ganflow.events.Problem;
import io.ganflow.gateway.http.JsonProblems;
import io.ganflow.store.ObjectStoreException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error the gateway returns is RFC 9457 problem+json; no stack traces reach clients. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder response = Response.status(e.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(e.status(), e.title(), e.getMessage()));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response unreadableBody(JacksonException e) {
        return problem(400, "Invalid request body", JsonProblems.describe(e));
    }

    /** More specific than Quarkus' own mapper for it, which would answer with a body of its own shape. */
    @ServerExceptionMapper
    public Response mismatchedBody(MismatchedInputException e) {
        return unreadableBody(e);
    }

    /** Quarkus wraps some JSON errors (a field given twice, text after the value) in a plain 400: say what it was. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JacksonException json) {
            return unreadableBody(json);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return problem(status.getStatusCode(), status.getReasonPhrase(), e.getMessage());
    }

    /** The object store is away (restarting, a network blip): the client tries again shortly, nothing was changed. */
    @ServerExceptionMapper
    public Response storeAway(ObjectStoreException e) {
        LOG.warnf("request refused, object store unreachable: %s", e.getMessage());
        return Response.fromResponse(
                        problem(503, "Service unavailable", "the object store cannot be reached; try again"))
                .header("Retry-After", "10")
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.errorf(e, "request failed: %s", e.getMessage());
        return problem(500, "Internal error", "the gateway could not complete the request");
    }

    public static Response problem(int status, String title, String detail) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, detail))
                .build();
    }
}
