package io.ganflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** The resident memory of a local process, read from /proc; "?" when it cannot be read. */
record ResidentMemory(Supplier<Path> status) {

    /** The process whose pid a pid file holds (./gan keeps them in .gan/local/pids). */
    static ResidentMemory ofPidFile(String pidFile) {
        return new ResidentMemory(() -> {
            try {
                return Path.of("/proc", Files.readString(Path.of(pidFile)).trim(), "status");
            } catch (IOException e) {
                return Path.of("/nonexistent");
            }
        });
    }

    static ResidentMemory ofThisProcess() {
        return new ResidentMemory(() -> Path.of("/proc/self/status"));
    }

    /** Resident now, in MB. */
    String megabytes() {
        return field("VmRSS:");
    }

    /** The most ever resident, in MB. */
    String peakMegabytes() {
        return field("VmHWM:");
    }

    private String field(String name) {
        try {
            for (String line : Files.readAllLines(status.get())) {
                if (line.startsWith(name)) {
                    return String.valueOf(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
            return "?";
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
