package io.ganflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The resident memory of a local process, read from /proc by its pid file; "?" when it cannot be read. */
record SamplerMemory(Path pidFile) {

    static SamplerMemory of(String pidFile) {
        return new SamplerMemory(Path.of(pidFile));
    }

    String residentMegabytes() {
        try {
            String pid = Files.readString(pidFile).trim();
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return String.valueOf(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
            return "?";
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
