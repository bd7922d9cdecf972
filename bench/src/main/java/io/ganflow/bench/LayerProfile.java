package io.ganflow.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import io.ganflow.models.layers.SameConv2d;
import io.ganflow.models.layers.Torch;
import io.ganflow.models.layers.TransposedConv2d;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a training step spends its time: each layer of the cGAN's and the DCGAN's G and D alone, forward and backward (input
 * and parameter gradients) at batch 128, in milliseconds. Prints one line per layer.
 *
 * <p>Run: {@code ./mvnw -q -pl bench exec:java -Dbench.main=io.ganflow.bench.LayerProfile}
 */
public final class LayerProfile {

    private static final int BATCH = 128;

    private LayerProfile() {}

    public static void main(String[] args) {
        Torch.disableGradientsOnThisThread();
        Map<String, Object[]> layers = new LinkedHashMap<>();
        layers.put("G dense 100->6272 +BN+ReLU", new Object[] {
            new SequentialBlock()
                    .add(Linear.builder().setUnits(6272).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock()),
            new Shape(BATCH, 100)
        });
        layers.put(
                "G tconv 129->128 7->14", new Object[] {TransposedConv2d.doubling(128), new Shape(BATCH, 129, 7, 7)});
        layers.put(
                "G tconv 128->128 7->14", new Object[] {TransposedConv2d.doubling(128), new Shape(BATCH, 128, 7, 7)});
        layers.put("G BN+ReLU 128x14x14", new Object[] {bnRelu(), new Shape(BATCH, 128, 14, 14)});
        layers.put(
                "G tconv 128->128 14->28",
                new Object[] {TransposedConv2d.doubling(128), new Shape(BATCH, 128, 14, 14)});
        layers.put("G BN+ReLU 128x28x28", new Object[] {bnRelu(), new Shape(BATCH, 128, 28, 28)});
        layers.put("G conv 7x7 128->1 by phases +tanh", new Object[] {
            new SequentialBlock().add(new SameConv2d(1, 7, 4)).add(Activation.tanhBlock()),
            new Shape(BATCH, 128, 28, 28)
        });
        layers.put("G conv 7x7 128->1 by 2x2 phases +tanh", new Object[] {
            new SequentialBlock().add(new SameConv2d(1, 7, 2)).add(Activation.tanhBlock()),
            new Shape(BATCH, 128, 28, 28)
        });
        layers.put("G conv 7x7 128->1 (DJL Conv2d) +tanh", new Object[] {
            new SequentialBlock()
                    .add(Conv2d.builder()
                            .setFilters(1)
                            .setKernelShape(new Shape(7, 7))
                            .optPadding(new Shape(3, 3))
                            .build())
                    .add(Activation.tanhBlock()),
            new Shape(BATCH, 128, 28, 28)
        });
        layers.put("D conv 3x3/2 2->128 +LReLU", new Object[] {halving(), new Shape(BATCH, 2, 28, 28)});
        layers.put("D conv 3x3/2 128->128", new Object[] {halving(), new Shape(BATCH, 128, 14, 14)});
        layers.put("D BN+LReLU 128x7x7", new Object[] {bnRelu(), new Shape(BATCH, 128, 7, 7)});
        layers.put("D dense 6272->1", new Object[] {Linear.builder().setUnits(1).build(), new Shape(BATCH, 6272)});
        layers.put("DCGAN G dense 128->2048 +BN+ReLU", new Object[] {
            new SequentialBlock()
                    .add(Linear.builder().setUnits(2048).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock()),
            new Shape(BATCH, 128)
        });
        layers.put(
                "DCGAN G tconv 512->256 2->4",
                new Object[] {TransposedConv2d.doubling(256), new Shape(BATCH, 512, 2, 2)});
        layers.put(
                "DCGAN G tconv 256->128 4->8",
                new Object[] {TransposedConv2d.doubling(128), new Shape(BATCH, 256, 4, 4)});
        layers.put(
                "DCGAN G tconv 128->64 8->16",
                new Object[] {TransposedConv2d.doubling(64), new Shape(BATCH, 128, 8, 8)});
        layers.put("DCGAN G BN+ReLU 64x16x16", new Object[] {bnRelu(), new Shape(BATCH, 64, 16, 16)});
        layers.put("DCGAN G tconv 64->3 16->32 +tanh", new Object[] {
            new SequentialBlock().add(TransposedConv2d.doubling(3)).add(Activation.tanhBlock()),
            new Shape(BATCH, 64, 16, 16)
        });
        layers.put("DCGAN D conv 3->64 32->16", new Object[] {halving(64), new Shape(BATCH, 3, 32, 32)});
        layers.put("DCGAN D conv 64->128 16->8", new Object[] {halving(128), new Shape(BATCH, 64, 16, 16)});
        layers.put("DCGAN D conv 128->256 8->4", new Object[] {halving(256), new Shape(BATCH, 128, 8, 8)});
        layers.put("DCGAN D conv 256->512 4->2", new Object[] {halving(512), new Shape(BATCH, 256, 4, 4)});
        double total = 0;
        for (Map.Entry<String, Object[]> layer : layers.entrySet()) {
            double millis = forwardBackwardMillis((Block) layer.getValue()[0], (Shape) layer.getValue()[1]);
            total += millis;
            System.out.printf(Locale.ROOT, "%-40s fwd+bwd %7.1f ms%n", layer.getKey(), millis);
        }
        System.out.printf(Locale.ROOT, "%-40s         %7.1f ms%n", "sum", total);
    }

    private static Block bnRelu() {
        return new SequentialBlock().add(BatchNorm.builder().build()).add(Activation.reluBlock());
    }

    private static Block halving() {
        return halving(128);
    }

    private static Block halving(int filters) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(3, 3))
                .optStride(new Shape(2, 2))
                .optPadding(new Shape(1, 1))
                .build();
    }

    private static double forwardBackwardMillis(Block block, Shape inputShape) {
        try (NDManager manager = NDManager.newBaseManager()) {
            block.setInitializer(new NormalInitializer(0.02f), ai.djl.nn.Parameter.Type.WEIGHT);
            block.initialize(manager, DataType.FLOAT32, inputShape);
            ParameterStore parameters = new ParameterStore(manager, false);
            NDArray input = manager.randomNormal(inputShape);
            input.setRequiresGradient(true);
            double millis = 0;
            int runs = 10;
            for (int run = 0; run < runs; run++) {
                long started = System.nanoTime();
                try (NDManager scope = manager.newSubManager();
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    scope.tempAttachAll(input);
                    NDArray out =
                            block.forward(parameters, new NDList(input), true).singletonOrThrow();
                    collector.backward(out.sum());
                }
                if (run >= 3) {
                    millis += (System.nanoTime() - started) / 1e6;
                }
            }
            return millis / (runs - 3);
        }
    }
}
