package io.ganflow.gateway.datasets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The dataset-service inside the cluster. Responses come back as they are, errors included. */
@RegisterRestClient(configKey = "dataset-service")
@Path("/datasets")
public interface DatasetServiceClient {

    @GET
    Response list();

    @GET
    @Path("/{name}")
    Response get(@PathParam("name") String name);

    @POST
    @Path("/{name}/import")
    Response importUpload(
            @PathParam("name") String name, @QueryParam("channels") int channels, @QueryParam("side") int side);
}
