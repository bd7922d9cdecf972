package io.ganflow.dataset.rest;

import io.ganflow.dataset.epoch.ClassSample;
import io.ganflow.dataset.epoch.DatasetCatalog;
import io.ganflow.dataset.idx.DatasetFormatException;
import io.ganflow.dataset.idx.LabelledImages;
import io.ganflow.dataset.uploads.DatasetImporter;
import io.ganflow.events.DatasetInfo;
import io.ganflow.events.Ids;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.ganflow.events.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** The data sets, and the import of an uploaded archive the gateway has put in the object store. */
@Path("/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

    private final DatasetCatalog catalog;
    private final DatasetImporter importer;

    public DatasetResource(DatasetCatalog catalog, DatasetImporter importer) {
        this.catalog = catalog;
        this.importer = importer;
    }

    @GET
    @Blocking
    public List<DatasetInfo> list() {
        return catalog.list();
    }

    @GET
    @Path("/{name}")
    @Blocking
    public Response get(@PathParam("name") String name) {
        return catalog.info(name)
                .map(info -> Response.ok(info).build())
                .orElseGet(() -> problem(404, "No such data set", "data set " + name + " is not known"));
    }

    /**
     * The held-out split as one image batch in the batches' binary format ({@code ImageBatchCodec}, run id = the data
     * set's name): for evaluators inside the cluster.
     */
    @GET
    @Path("/{name}/held-out")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Blocking
    public Response heldOut(@PathParam("name") String name) {
        try {
            return catalog.heldOut(name)
                    .map(images -> Response.ok(ImageBatchCodec.encode(new ImageBatch(
                                    name,
                                    0,
                                    0,
                                    1,
                                    images.channels(),
                                    images.height(),
                                    images.width(),
                                    images.labels(),
                                    images.pixels())))
                            .build())
                    .orElseGet(() ->
                            problem(404, "No held-out split", "data set " + name + " has no held-out split here"));
        } catch (DatasetFormatException e) {
            return problem(503, "Held-out split unreadable", e.getMessage());
        }
    }

    /**
     * A sample of the training split with exactly {@code counts} images of each class (comma-separated, class 0
     * first), the same for the same seed, as one image batch: the real side of a Classification Accuracy Score.
     */
    @GET
    @Path("/{name}/training-sample")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Blocking
    public Response trainingSample(
            @PathParam("name") String name,
            @QueryParam("counts") String counts,
            @QueryParam("seed") @DefaultValue("0") String seed) {
        int[] perClass;
        long sampleSeed;
        try {
            perClass = counts == null || counts.isBlank()
                    ? new int[0]
                    : Arrays.stream(counts.split(","))
                            .mapToInt(c -> Integer.parseInt(c.trim()))
                            .toArray();
            sampleSeed = Long.parseLong(seed);
        } catch (NumberFormatException e) {
            return problem(
                    400,
                    "Invalid sample",
                    "counts are whole numbers separated by commas and seed a whole number; were " + counts + " and "
                            + seed);
        }
        if (perClass.length == 0) {
            return problem(400, "Invalid counts", "counts (images of each class, class 0 first) are needed");
        }
        try {
            Optional<LabelledImages> images = catalog.get(name);
            if (images.isEmpty()) {
                return problem(404, "No such data set", "data set " + name + " is not known");
            }
            Optional<String> problem = ClassSample.problem(images.get(), perClass);
            if (problem.isPresent()) {
                return problem(422, "Sample cannot be drawn", problem.get());
            }
            LabelledImages sample = ClassSample.draw(images.get(), perClass, sampleSeed);
            return Response.ok(ImageBatchCodec.encode(new ImageBatch(
                            name,
                            0,
                            0,
                            1,
                            sample.channels(),
                            sample.height(),
                            sample.width(),
                            sample.labels(),
                            sample.pixels())))
                    .build();
        } catch (DatasetFormatException e) {
            return problem(503, "Data set unreadable", e.getMessage());
        }
    }

    @POST
    @Path("/{name}/import")
    @Blocking
    public Response importUpload(
            @PathParam("name") String name,
            @QueryParam("channels") @DefaultValue("3") int channels,
            @QueryParam("side") @DefaultValue("32") int side) {
        if (!Ids.isValid(name)) {
            return problem(400, "Invalid data set name", "a name is 1-63 lowercase letters, digits or dashes");
        }
        if (channels != 1 && channels != 3) {
            return problem(400, "Invalid image shape", "channels must be 1 or 3, was " + channels);
        }
        if (side < 8 || side > 128) {
            return problem(400, "Invalid image shape", "side must be between 8 and 128 pixels, was " + side);
        }
        if (catalog.info(name).isPresent()) {
            return problem(409, "Data set exists", "data set " + name + " exists; runs may use it, so it is kept");
        }
        try {
            return Response.status(201)
                    .entity(importer.importUpload(name, channels, side))
                    .build();
        } catch (NoSuchElementException e) {
            return problem(404, "No upload", e.getMessage());
        } catch (DatasetFormatException e) {
            return problem(422, "Unusable data set", e.getMessage());
        }
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, detail))
                .build();
    }
}
