package io.ganflow.models.training;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.ganflow.events.MalformedEventException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** A block's parameters as bytes (DJL's own parameter format), for checkpoints. */
public final class BlockBytes {

    private BlockBytes() {}

    public static byte[] save(Block block) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode parameters", e);
        }
    }

    /** Loads parameters saved by {@link #save} into an uninitialised block of the same architecture. */
    public static void load(Block block, NDManager manager, byte[] parameters) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new MalformedEventException("parameters do not fit this model: " + e.getMessage());
        }
    }
}
