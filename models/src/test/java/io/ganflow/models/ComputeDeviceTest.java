package io.ganflow.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class ComputeDeviceTest {

    @Test
    void theModelsComputeOnAGpuWhenTheEngineSeesOneAndSayWhich() {
        boolean gpu = Engine.getInstance().getGpuCount() > 0;
        Device device = ComputeDevice.current();
        assertEquals(gpu ? Device.Type.GPU : Device.Type.CPU, device.getDeviceType());
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(device, manager.create(new float[] {1f}).getDevice(), "arrays are made where the models run");
        }
        String said = ComputeDevice.describe();
        assertTrue(said.startsWith(device.toString()) && said.contains("GPU(s) seen"), said);
    }
}
