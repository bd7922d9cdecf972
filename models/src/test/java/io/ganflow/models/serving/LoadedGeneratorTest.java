package io.ganflow.models.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.ganflow.events.RunSpec;
import io.ganflow.models.GanModel;
import io.ganflow.models.GanModels;
import io.ganflow.models.image.SampleGrid;
import io.ganflow.models.layers.Torch;
import io.ganflow.models.training.BlockBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LoadedGeneratorTest {

    /** What makes ETags honest: a request's images do not depend on the requests it shared passes with. */
    @Test
    void concurrentRequestsGetTheSameImagesAsTheSameRequestsAlone() throws Exception {
        Torch.disableGradientsOnThisThread();
        RunSpec spec = RunSpec.defaults("served");
        GanModel model = GanModels.named(spec.model());
        byte[] parameters;
        try (NDManager manager = NDManager.newBaseManager()) {
            Block generator = model.generator();
            generator.initialize(manager, DataType.FLOAT32, model.generatorInputShapes(1, spec.latentSize()));
            parameters = BlockBytes.save(generator);
        }
        int requests = 12;
        try (LoadedGenerator generator = LoadedGenerator.load(spec, 10, parameters)) {
            List<byte[]> alone = new ArrayList<>();
            for (int r = 0; r < requests; r++) {
                alone.add(generator.generate(SampleGrid.ofClass(r % 10, 5 + 7 * r), r));
            }
            ExecutorService callers = Executors.newFixedThreadPool(requests);
            try {
                List<Future<byte[]>> together = new ArrayList<>();
                for (int r = 0; r < requests; r++) {
                    int request = r;
                    together.add(callers.submit(
                            () -> generator.generate(SampleGrid.ofClass(request % 10, 5 + 7 * request), request)));
                }
                for (int r = 0; r < requests; r++) {
                    assertArrayEquals(alone.get(r), together.get(r).get(), "request " + r);
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }
}
