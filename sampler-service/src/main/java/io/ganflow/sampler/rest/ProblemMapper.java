package io.ganflow.sampler.rest;

import io.ganflow.events.Problem;
import io.ganflow.models.serving.GenerationBusyException;
import io.ganflow.store.ObjectStoreException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CancellationException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure as RFC 9457 problem+json; no stack traces to clients. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return problem(400, "Bad request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response noModel(NoModelException e) {
        return problem(404, "No model", e.getMessage());
    }

    @ServerExceptionMapper
    public Response busy(GenerationBusyException e) {
        return Response.fromResponse(problem(503, "Generator busy", e.getMessage()))
                .header("Retry-After", "1")
                .build();
    }

    /** The client hung up before its images were made: nobody reads this answer. */
    @ServerExceptionMapper
    public Response abandoned(CancellationException e) {
        return problem(503, "Request abandoned", e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        return problem(
                e.getResponse().getStatus(), e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage());
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
        return problem(500, "Internal error", "the sampler could not complete the request");
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, detail))
                .build();
    }
}
