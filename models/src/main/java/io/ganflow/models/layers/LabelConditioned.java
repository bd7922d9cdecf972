package io.ganflow.models.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The conditional GAN's wiring: {@code trunk(concat(inputPath(x), labelPath(labels)))}, concatenated on the channel
 * axis. Inputs are {@code (x, labels)} with int64 class ids.
 */
public final class LabelConditioned extends AbstractBlock {

    private final Block inputPath;
    private final Block labelPath;
    private final Block trunk;

    public LabelConditioned(Block inputPath, Block labelPath, Block trunk) {
        this.inputPath = addChildBlock("input", inputPath);
        this.labelPath = addChildBlock("label", labelPath);
        this.trunk = addChildBlock("trunk", trunk);
    }

    /** For a discriminator, whose image enters the concatenation as it is. */
    public static LabelConditioned imageWithLabelMap(Block labelPath, Block trunk) {
        return new LabelConditioned(Blocks.identityBlock(), labelPath, trunk);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputPath
                .forward(parameterStore, new NDList(inputs.get(0)), training)
                .singletonOrThrow();
        NDArray label = labelPath
                .forward(parameterStore, new NDList(inputs.get(1)), training)
                .singletonOrThrow();
        return trunk.forward(parameterStore, new NDList(x.concat(label, 1)), training);
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        inputPath.initialize(manager, dataType, inputShapes[0]);
        labelPath.initialize(manager, dataType, inputShapes[1]);
        trunk.initialize(manager, dataType, concatenatedShape(inputShapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return trunk.getOutputShapes(new Shape[] {concatenatedShape(inputShapes)});
    }

    private Shape concatenatedShape(Shape[] inputShapes) {
        Shape x = inputPath.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        Shape label = labelPath.getOutputShapes(new Shape[] {inputShapes[1]})[0];
        return new Shape(x.get(0), x.get(1) + label.get(1), x.get(2), x.get(3));
    }
}
