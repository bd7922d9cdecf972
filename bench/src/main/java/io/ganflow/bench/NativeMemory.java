package io.ganflow.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.ganflow.events.RunSpec;
import io.ganflow.models.GanModel;
import io.ganflow.models.GanModels;
import io.ganflow.models.image.SampleGrid;
import io.ganflow.models.layers.Torch;
import io.ganflow.models.numerics.Numerics;
import io.ganflow.models.numerics.TrainedStatistics;
import io.ganflow.models.serving.LoadedGenerator;
import io.ganflow.models.training.BlockBytes;
import java.util.Locale;

/**
 * Native memory a sampler spends on what it does besides serving, in this process alone: the start-up choice of
 * convolution kernels (resident and peak), then loading one cGAN checkpoint after another as the sampler does on each
 * announcement (load, verify, generate 100 images, retire the one before). Prints one line per figure.
 *
 * <p>Run: {@code ./mvnw -q -pl bench exec:java -Dbench.main=io.ganflow.bench.NativeMemory} (argument: loads,
 * default 120)
 */
public final class NativeMemory {

    private NativeMemory() {}

    public static void main(String[] args) {
        int loads = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        ResidentMemory memory = ResidentMemory.ofThisProcess();
        Torch.disableGradientsOnThisThread();
        print("engine loaded", memory);
        long millis = Numerics.current().millis();
        print(String.format(Locale.ROOT, "after choosing the convolution kernels (%d ms)", millis), memory);

        RunSpec spec = RunSpec.defaults("native-memory");
        byte[] checkpoint = generatorBytes(GanModels.named(spec.model()), spec.latentSize());
        LoadedGenerator serving = null;
        for (int load = 1; load <= loads; load++) {
            LoadedGenerator loaded = LoadedGenerator.load(spec, load, checkpoint);
            loaded.generate(SampleGrid.ofClass(load % 10, 100), load);
            if (serving != null) {
                serving.close();
            }
            serving = loaded;
            if (load == 1 || load == 10 || load % 40 == 0) {
                print("after " + load + " checkpoint loads", memory);
            }
        }
    }

    /** A generator's parameters as a checkpoint holds them, with batch norm statistics like a trained one's. */
    private static byte[] generatorBytes(GanModel model, int latentSize) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block generator = model.generator();
            generator.initialize(manager, DataType.FLOAT32, model.generatorInputShapes(1, latentSize));
            TrainedStatistics.giveBatchNorms(generator, 1);
            return BlockBytes.save(generator);
        }
    }

    private static void print(String when, ResidentMemory memory) {
        System.out.printf(
                Locale.ROOT, "%-45s resident %5s MB, peak %5s MB%n", when, memory.megabytes(), memory.peakMegabytes());
    }
}
