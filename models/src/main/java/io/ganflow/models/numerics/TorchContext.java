package io.ganflow.models.numerics;

import ai.djl.engine.Engine;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The switches of libtorch's global context ({@code at::globalContext()}) that DJL does not expose: whether
 * convolutions may use oneDNN (CPU) or cuDNN (GPU), and NNPACK. They are exported C++ functions of
 * {@code libtorch_cpu.so}, called through JNA (which DJL already brings) on the library the engine loaded.
 */
public final class TorchContext {

    private final NativeLibrary library;
    private final Pointer context;

    private TorchContext(NativeLibrary library) {
        this.library = library;
        this.context = library.getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]);
    }

    /** The context of the libtorch this process loaded, or empty where it cannot be reached (not Linux, no symbol). */
    public static Optional<TorchContext> ofLoadedEngine() {
        Engine.getEngine("PyTorch");
        try {
            return loadedLibrary().map(TorchContext::new);
        } catch (UnsatisfiedLinkError | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** oneDNN's convolutions (libtorch's default on a CPU); off, libtorch's own im2col and BLAS kernels run. */
    public void useOneDnn(boolean enabled) {
        call("_ZN2at7Context20setUserEnabledMkldnnEb", enabled);
    }

    /** cuDNN's convolutions (libtorch's default on a GPU); off, libtorch's own CUDA kernels run. */
    public void useCudnn(boolean enabled) {
        call("_ZN2at7Context19setUserEnabledCuDNNEb", enabled);
    }

    /**
     * NNPACK's convolutions. Off, libtorch never tries to start NNPACK, which on CPUs it does not support writes
     * "Could not initialize NNPACK! Reason: Unsupported hardware" to the log and computes nothing.
     */
    public void useNnpack(boolean enabled) {
        call("_ZN2at7Context20setUserEnabledNNPACKEb", enabled);
    }

    /** As libtorch reports it, e.g. "Intel(R) MKL-DNN v3.7.1 (Git Hash ...)". */
    public String oneDnnVersion() {
        return string("_ZN2at18get_mkldnn_versionB5cxx11Ev");
    }

    /** The CPU kernels libtorch picked for this CPU, e.g. "AVX512". */
    public String cpuCapability() {
        return string("_ZN2at18get_cpu_capabilityB5cxx11Ev");
    }

    private void call(String symbol, boolean value) {
        library.getFunction(symbol).invokeVoid(new Object[] {context, value});
    }

    /**
     * A function returning a {@code std::string} (libstdc++: pointer, length, ...) into memory we pass: the x86-64
     * calling convention passes that memory as the first argument (elsewhere it does not: "" there). The string's
     * own buffer is not freed (once per process, a few dozen bytes).
     */
    private String string(String symbol) {
        String arch = System.getProperty("os.arch");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return "";
        }
        Function function = library.getFunction(symbol);
        Memory result = new Memory(64);
        function.invokePointer(new Object[] {result});
        Pointer chars = result.getPointer(0);
        long length = result.getLong(8);
        return new String(chars.getByteArray(0, (int) Math.min(length, 4096)), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Optional<NativeLibrary> loadedLibrary() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(maps)) {
            return lines.filter(line -> line.endsWith("/libtorch_cpu.so"))
                    .map(line -> line.substring(line.indexOf('/')))
                    .findFirst()
                    .map(NativeLibrary::getInstance);
        }
    }
}
