package io.ganflow.models.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Runs a model one leaf layer at a time, in data-flow order, handing each layer and its input to a visitor that
 * returns the layer's output. Lets checks look at every layer of a model without repeating its wiring.
 */
public final class LayerWalk {

    private LayerWalk() {}

    /** @param visit (layer, input) to output */
    public static NDArray walk(Block block, NDList inputs, BiFunction<Block, NDArray, NDArray> visit) {
        if (block instanceof LabelConditioned) {
            List<Block> parts = block.getChildren().values();
            NDArray x = walk(parts.get(0), new NDList(inputs.get(0)), visit);
            NDArray label = walk(parts.get(1), new NDList(inputs.get(1)), visit);
            return walk(parts.get(2), new NDList(x.concat(label, 1)), visit);
        }
        if (block instanceof SequentialBlock) {
            NDArray x = inputs.singletonOrThrow();
            for (Block layer : block.getChildren().values()) {
                x = walk(layer, new NDList(x), visit);
            }
            return x;
        }
        return visit.apply(block, inputs.singletonOrThrow());
    }

    /** Leaf layers in the same order as {@link #walk}. */
    public static List<Block> leaves(Block block) {
        if (block instanceof LabelConditioned || block instanceof SequentialBlock) {
            return block.getChildren().values().stream()
                    .flatMap(child -> leaves(child).stream())
                    .toList();
        }
        return List.of(block);
    }
}
