package io.ganflow.dataset.rest;

import io.ganflow.dataset.epoch.DatasetCatalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

    private final DatasetCatalog catalog;

    public DatasetResource(DatasetCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    public List<DatasetCatalog.DatasetInfo> list() {
        return catalog.list();
    }
}
