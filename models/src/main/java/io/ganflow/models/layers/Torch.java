package io.ganflow.models.layers;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.ganflow.models.numerics.Numerics;

/** Thread-level settings of the PyTorch engine that DJL does not expose through its engine-neutral API. */
public final class Torch {

    private Torch() {}

    /**
     * PyTorch's gradient mode is per thread and on by default; DJL turns it off only on the thread that loads the
     * engine. Every thread that runs models calls this first, so that inference builds no autograd graph and in-place
     * parameter updates are allowed. Gradient collectors turn it on for their own scope.
     */
    public static void disableGradientsOnThisThread() {
        Engine.getEngine("PyTorch");
        JniUtils.setGradMode(false);
        // before anything computes, and outside any gradient collector (the choice trains and checks layers)
        Numerics.ensureChosen();
    }
}
