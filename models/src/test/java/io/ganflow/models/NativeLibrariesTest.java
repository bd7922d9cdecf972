package io.ganflow.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What container images run at build time, in a JVM of its own (the engine loads once per JVM). */
class NativeLibrariesTest {

    @Test
    void unpacksPyTorchIntoAnEmptyCacheFolderOffline(@TempDir Path cache) throws Exception {
        Process process = new ProcessBuilder(List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-DDJL_CACHE_DIR=" + cache,
                        "-Dai.djl.offline=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        NativeLibraries.class.getName()))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, process.waitFor(), output);
        assertTrue(output.contains("unpacked in " + cache.resolve("pytorch")), output);
        assertTrue(unpacked(cache).anyMatch(name -> name.equals("libtorch_cpu.so")), output);
        assertTrue(unpacked(cache).anyMatch(name -> name.endsWith("libdjl_torch.so")), output);
    }

    private static Stream<String> unpacked(Path cache) throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            return files.map(file -> file.getFileName().toString()).toList().stream();
        }
    }
}
