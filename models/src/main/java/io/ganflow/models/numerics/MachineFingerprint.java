package io.ganflow.models.numerics;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the numbers a process computes depend on, besides the code: the CPU (model, flags, caches as the kernel sees
 * them, cores), libtorch and its oneDNN, the device. A choice of kernels is remembered under its hash, and travels
 * with checkpoints in words ({@link #description}).
 *
 * @param cpu e.g. "AMD EPYC (family 25, model 17), 2 cores, L1d 32K L2 1024K L3 32768K"
 * @param capability the CPU kernels libtorch picked, e.g. "AVX512" ("" where not known)
 * @param oneDnn e.g. "v3.7.1" ("" where not known)
 */
public record MachineFingerprint(
        String device, String cpu, String capability, String libtorch, String oneDnn, String hash) {

    /**
     * Bumped whenever the candidates or what they mean change, so that no choice made by older code is reused. It is
     * part of every hash.
     */
    static final int CANDIDATES_VERSION = 1;

    /**
     * @param simulatedFault a process given oneDNN's fault ({@link SimulatedCacheFault}) is another machine: its
     *     choice is remembered apart from this one's
     */
    public static MachineFingerprint of(Engine engine, Optional<TorchContext> torch, boolean simulatedFault) {
        String cpuInfo = read(Path.of("/proc/cpuinfo"));
        String model = field(cpuInfo, "model name");
        String cpu = String.format(
                "%s (family %s, model %s), %d cores, %s",
                model.isEmpty() ? System.getProperty("os.arch") : model,
                field(cpuInfo, "cpu family"),
                field(cpuInfo, "model"),
                Runtime.getRuntime().availableProcessors(),
                caches());
        String capability = torch.map(TorchContext::cpuCapability).orElse("");
        String oneDnn = torch.map(TorchContext::oneDnnVersion)
                .map(MachineFingerprint::oneDnnVersion)
                .orElse("");
        String device = engine.defaultDevice().toString();
        String hash = sha256(String.join(
                "\n",
                "candidates " + CANDIDATES_VERSION,
                simulatedFault ? "simulated fault " + NumericsSettings.CACHE_TOPOLOGY_FAULT : "",
                device,
                cpu,
                field(cpuInfo, "flags"),
                field(cpuInfo, "stepping"),
                capability,
                engine.getVersion(),
                oneDnn));
        return new MachineFingerprint(device, cpu, capability, engine.getVersion(), oneDnn, hash);
    }

    /** e.g. "cpu(): AMD EPYC (family 25, model 17), 2 cores, ..., AVX512, PyTorch 2.7.1, oneDNN v3.7.1". */
    public String description() {
        StringBuilder text = new StringBuilder(device).append(": ").append(cpu);
        if (!capability.isEmpty()) {
            text.append(", ").append(capability);
        }
        text.append(", PyTorch ").append(libtorch);
        if (!oneDnn.isEmpty()) {
            text.append(", oneDNN ").append(oneDnn);
        }
        return text.toString();
    }

    /** "Intel(R) MKL-DNN v3.7.1 (Git Hash ...)" to "v3.7.1". */
    static String oneDnnVersion(String reported) {
        for (String word : reported.split(" ")) {
            if (word.matches("v\\d+\\.\\d+.*")) {
                return word;
            }
        }
        return reported;
    }

    private static String caches() {
        Path caches = Path.of("/sys/devices/system/cpu/cpu0/cache");
        if (!Files.isDirectory(caches)) {
            return "caches unknown";
        }
        try (Stream<Path> levels = Files.list(caches)) {
            List<String> described = levels.filter(
                            index -> index.getFileName().toString().startsWith("index"))
                    .sorted()
                    .map(index -> {
                        String type = read(index.resolve("type")).strip();
                        String level = read(index.resolve("level")).strip();
                        String size = read(index.resolve("size")).strip();
                        return type.equals("Instruction")
                                ? ""
                                : "L" + level + (type.equals("Data") ? "d" : "") + " " + size;
                    })
                    .filter(text -> !text.isEmpty())
                    .toList();
            return described.isEmpty() ? "caches unknown" : String.join(" ", described);
        } catch (IOException e) {
            return "caches unknown";
        }
    }

    /** The first value of {@code name} in /proc/cpuinfo's "name : value" lines, "" when absent. */
    static String field(String cpuInfo, String name) {
        return cpuInfo.lines()
                .filter(line -> line.startsWith(name) && line.indexOf(':') > 0)
                .filter(line -> line.substring(0, line.indexOf(':')).strip().equals(name))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst()
                .orElse("");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
