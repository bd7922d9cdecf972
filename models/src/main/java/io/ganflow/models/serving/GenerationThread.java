package io.ganflow.models.serving;

import io.ganflow.models.layers.Torch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one thread that runs every served generator's forward passes in this process. Each pass already uses every
 * core, so passes in parallel would only compete; and native memory freed by a pass is reused by the next one
 * instead of piling up per request thread (glibc keeps an arena per thread: with passes on request threads the
 * sampler grew from 1.1 to 3 GB resident under the ServingLatency benchmark).
 */
final class GenerationThread {

    static final ExecutorService PASSES = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(
                () -> {
                    Torch.disableGradientsOnThisThread();
                    task.run();
                },
                "generator-passes");
        thread.setDaemon(true);
        return thread;
    });

    private GenerationThread() {}
}
