package io.ganflow.models;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Where the models compute: DJL's default device, a CUDA GPU when the engine sees one (the GPU image's libtorch and
 * a GPU given to the container), else the CPU. Every network, tensor and numerics check uses it, as they all make
 * their arrays with the engine's default manager.
 */
public final class ComputeDevice {

    private ComputeDevice() {}

    public static Device current() {
        return Engine.getInstance().defaultDevice();
    }

    /** For the start-up log: the device, and how many GPUs the engine sees. */
    public static String describe() {
        Engine engine = Engine.getInstance();
        return String.format(
                "%s (PyTorch %s, %d GPU(s) seen)", engine.defaultDevice(), engine.getVersion(), engine.getGpuCount());
    }
}
