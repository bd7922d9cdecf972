package io.ganflow.models;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;

/**
 * Unpacks PyTorch's native libraries from the classpath into DJL's cache folder ({@code DJL_CACHE_DIR}) by loading
 * the engine once. Container images run it at build time, so that services start without unpacking ~500 MB and can
 * run with a read-only file system.
 *
 * <p>Run: {@code java -Dai.djl.offline=true -cp 'lib/main/*' io.ganflow.models.NativeLibraries}
 */
public final class NativeLibraries {

    private NativeLibraries() {}

    public static void main(String[] args) {
        Engine engine = Engine.getEngine("PyTorch");
        System.out.println("PyTorch " + engine.getVersion() + " unpacked in " + Utils.getEngineCacheDir("pytorch"));
    }
}
