package io.ganflow.gateway.images;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The sampler-service inside the cluster. Responses come back as they are, errors included. */
@RegisterRestClient(configKey = "sampler")
@Path("/runs/{runId}")
public interface SamplerClient {

    @GET
    @Path("/grid")
    Response grid(
            @PathParam("runId") String runId,
            @QueryParam("seed") long seed,
            @QueryParam("columns") int columns,
            @QueryParam("step") Long step,
            @HeaderParam("If-None-Match") String ifNoneMatch);

    @GET
    @Path("/images")
    Response images(
            @PathParam("runId") String runId,
            @QueryParam("class") int classId,
            @QueryParam("count") int count,
            @QueryParam("seed") long seed,
            @QueryParam("step") Long step,
            @HeaderParam("Accept") String accept,
            @HeaderParam("If-None-Match") String ifNoneMatch);
}
