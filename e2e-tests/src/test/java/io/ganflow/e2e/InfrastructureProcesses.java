package io.ganflow.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The test stack's Kafka broker and S3 server (infra/local.sh, use_test_stack) as the processes they are, to be
 * killed and started again by the chaos tests; started again through the same script that ./gan test uses.
 */
final class InfrastructureProcesses {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path PIDS = ROOT.resolve(".gan/test/pids");

    private InfrastructureProcesses() {}

    /** SIGKILL to the broker, as a crashed or evicted broker pod. */
    static void killBroker() throws Exception {
        kill("kafka", "-KILL");
    }

    static void startBroker() throws Exception {
        script("start_kafka");
    }

    /** The store goes away (SIGTERM: its data stays on disk, like a MinIO pod restarted). */
    static void stopStore() throws Exception {
        kill("s3proxy", "-TERM");
    }

    static void startStore() throws Exception {
        script("start_s3");
    }

    private static void kill(String name, String signal) throws Exception {
        Path pidFile = PIDS.resolve(name + ".pid");
        if (!Files.exists(pidFile)) {
            throw new IllegalStateException(name + " is not running as the test stack (" + pidFile + " is missing)");
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        run(Duration.ofSeconds(10), "kill", signal, String.valueOf(pid));
        ProcessHandle.of(pid).ifPresent(process -> process.onExit().join());
    }

    private static void script(String function) throws Exception {
        run(Duration.ofSeconds(120), "bash", "-c", "source infra/local.sh && use_test_stack && " + function);
    }

    private static void run(Duration timeout, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }
}
