package io.ganflow.models.numerics;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.sun.jna.Pointer;
import io.ganflow.models.layers.ConvolutionOps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Gives this process the oneDNN fault of machines whose hypervisor reports the CPU's cache topology (CPUID leaf
 * 0x8000001D) as all zeros: oneDNN then takes every cache as 1 byte, and convolutions whose channel counts are not
 * multiples of 16 compute wrongly (STACK.md). It finds the cache sizes oneDNN detected (its Xbyak {@code Cpu}: the
 * L1d and L2 sizes this machine's kernel reports, side by side in libtorch's writable memory) and sets them to 1,
 * before oneDNN has planned any kernel of the models. For tests and demonstrations on a healthy machine only
 * ({@code ganflow.numerics.simulate-fault=onednn-cache-topology}); never set in production.
 */
public final class SimulatedCacheFault {

    private SimulatedCacheFault() {}

    /** Throws when this machine's detected cache sizes cannot be found (another CPU, another libtorch). */
    public static void apply() {
        warmUpOneDnn();
        int l1 = cacheBytes("index0");
        int l2 = cacheBytes("index2");
        int found = 0;
        for (long[] range : writableRanges()) {
            Pointer memory = new Pointer(range[0]);
            long length = range[1] - range[0];
            for (long offset = 0; offset + 12 <= length; offset += 4) {
                if (memory.getInt(offset) == l1 && memory.getInt(offset + 4) == l2) {
                    memory.setInt(offset, 1);
                    memory.setInt(offset + 4, 1);
                    memory.setInt(offset + 8, 1);
                    found++;
                }
            }
        }
        if (found != 1) {
            throw new IllegalStateException("cannot simulate oneDNN's cache-topology fault here: found " + found
                    + " places holding the L1d and L2 sizes (" + l1 + ", " + l2 + " bytes), expected 1");
        }
    }

    /** oneDNN detects the CPU at its first convolution: one of a shape the models never use. */
    private static void warmUpOneDnn() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ConvolutionOps.conv2d(manager.ones(new Shape(1, 5, 9, 9)), manager.ones(new Shape(7, 5, 3, 3)), null, 1, 1)
                    .sum()
                    .getFloat();
        }
    }

    private static int cacheBytes(String index) {
        Path size = Path.of("/sys/devices/system/cpu/cpu0/cache", index, "size");
        try {
            String text = Files.readString(size, StandardCharsets.UTF_8).strip();
            if (text.endsWith("K")) {
                return Integer.parseInt(text.substring(0, text.length() - 1)) * 1024;
            }
            if (text.endsWith("M")) {
                return Integer.parseInt(text.substring(0, text.length() - 1)) * 1024 * 1024;
            }
            return Integer.parseInt(text);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException(
                    "cannot simulate oneDNN's cache-topology fault: no cache size in " + size, e);
        }
    }

    /** libtorch_cpu.so's writable mappings and the anonymous one right after them (its .bss). */
    private static List<long[]> writableRanges() {
        try {
            List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
            List<long[]> ranges = new java.util.ArrayList<>();
            for (int i = 0; i < maps.size(); i++) {
                String[] fields = maps.get(i).trim().split("\\s+");
                boolean library = maps.get(i).endsWith("/libtorch_cpu.so") && fields[1].startsWith("rw");
                boolean bss = i > 0
                        && maps.get(i - 1).endsWith("/libtorch_cpu.so")
                        && fields.length < 6
                        && fields[1].startsWith("rw");
                if (library || bss) {
                    String[] bounds = fields[0].split("-");
                    ranges.add(
                            new long[] {Long.parseUnsignedLong(bounds[0], 16), Long.parseUnsignedLong(bounds[1], 16)});
                }
            }
            return ranges;
        } catch (IOException e) {
            throw new IllegalStateException("cannot simulate oneDNN's cache-topology fault: " + e.getMessage(), e);
        }
    }
}
