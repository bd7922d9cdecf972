package io.ganflow.models.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/** Output shapes of every layer of a model, for the shape tests. */
public final class LayerShapes {

    private LayerShapes() {}

    /** Each leaf layer's output shape, in data-flow order, after initialising the model with N(0, 0.02). */
    public static List<Shape> shapes(NDManager manager, Block model, NDList inputs) {
        model.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        model.initialize(manager, DataType.FLOAT32, inputs.getShapes());
        ParameterStore parameters = new ParameterStore(manager, false);
        List<Shape> shapes = new ArrayList<>();
        NDArray output = LayerWalk.walk(model, inputs, (layer, x) -> {
            NDArray y = layer.forward(parameters, new NDList(x), false).singletonOrThrow();
            shapes.add(y.getShape());
            return y;
        });
        Assertions.assertEquals(
                model.forward(parameters, inputs, false).singletonOrThrow().getShape(), output.getShape());
        return shapes;
    }
}
