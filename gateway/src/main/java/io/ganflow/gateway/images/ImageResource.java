package io.ganflow.gateway.images;

import io.ganflow.gateway.upstream.Upstream;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Generated images, from the sampler; each response says which run and checkpoint step produced it. */
@Path("/api/v1/runs/{runId}")
@Produces({"image/png", "application/problem+json"})
public class ImageResource {

    private static final List<String> PASSED_HEADERS = List.of("X-Run-Id", "X-Checkpoint-Step", "ETag");

    private final SamplerClient sampler;

    public ImageResource(@RestClient SamplerClient sampler) {
        this.sampler = sampler;
    }

    @GET
    @Path("/grid")
    @Blocking
    @Operation(summary = "The latest checkpoint's sample grid: one row per class")
    public Response grid(
            @PathParam("runId") String runId,
            @QueryParam("seed") @DefaultValue("0") long seed,
            @QueryParam("columns") @DefaultValue("10") int columns) {
        return relay(() -> sampler.grid(runId, seed, columns));
    }

    @GET
    @Path("/images")
    @Blocking
    @Operation(
            summary = "Generated images of one class (0-9: T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, "
                    + "Shirt, Sneaker, Bag, Ankle boot)")
    public Response images(
            @PathParam("runId") String runId,
            @QueryParam("class") @DefaultValue("0") int classId,
            @QueryParam("count") @DefaultValue("8") int count,
            @QueryParam("seed") @DefaultValue("0") long seed) {
        return relay(() -> sampler.images(runId, classId, count, seed));
    }

    private static Response relay(Supplier<Response> call) {
        return Upstream.relay("sampler-service", call, PASSED_HEADERS);
    }
}
