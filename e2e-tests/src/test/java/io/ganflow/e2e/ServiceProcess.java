package io.ganflow.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One of the four services, started from its built jar as its own process, as ./gan up starts it. */
final class ServiceProcess implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    /** Where this process's lines start in its log (a log is appended to by every process on its port). */
    private final long logStart;

    private ServiceProcess(String name, int port, Process process, Path log, long logStart) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    static ServiceProcess start(String name, int port, Map<String, String> environment, List<String> properties)
            throws IOException {
        Path jar = ROOT.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw package)");
        }
        Path log = ROOT.resolve("e2e-tests/target/e2e-logs/" + name + "-" + port + ".log");
        Files.createDirectories(log.getParent());
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        List<String> command = new ArrayList<>(List.of(
                "java",
                "-Xmx1g",
                "-XX:+ExitOnOutOfMemoryError",
                "-Dai.djl.offline=true",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port));
        properties.forEach(p -> command.add("-D" + p));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new ServiceProcess(name, port, builder.start(), log, logStart);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void awaitReady(Duration timeout) throws InterruptedException, IOException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up (code " + process.exitValue()
                        + "); the end of " + log + ":\n" + logTail(20));
            }
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(
                name + " not ready after " + timeout + "; the end of " + log + ":\n" + logTail(20));
    }

    /** The last lines of the service's log, so that a failure in CI (which keeps no logs) explains itself. */
    String logTail(int lines) throws IOException {
        List<String> all = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Alive and answering ready. */
    boolean isReady() {
        if (!process.isAlive()) {
            return false;
        }
        try {
            return HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends the process at once, as a crash or an OOM kill would: no shutdown hooks, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as Kubernetes stops a pod: waits for the graceful shutdown and returns how long it took. */
    Duration terminate(Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(name + " did not end within " + timeout + " of SIGTERM; see " + log);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The code the process ended with; it must have ended. */
    int exitCode() {
        return process.exitValue();
    }

    /** Every line this process wrote to its log that contains {@code text}. */
    List<String> logLinesWith(String text) throws IOException {
        try (var in = Files.newInputStream(log)) {
            in.skipNBytes(Math.min(logStart, Files.size(log)));
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .lines()
                    .filter(line -> line.contains(text))
                    .toList();
        }
    }

    /** Waits for the process to end on its own; true when it did within {@code timeout}. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** How many lines of its log contain {@code text}. */
    long logLinesContaining(String text) throws IOException {
        return logLinesWith(text).size();
    }

    /**
     * The number that follows {@code prefix} (and then {@code label}, when given) on the last log line holding them,
     * or -1 when no line does: for example the step of the last "run=X epoch=2 step=41" line.
     */
    long lastNumberAfter(String prefix, String... label) throws IOException {
        long found = -1;
        try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            for (String line : (Iterable<String>) lines::iterator) {
                int at = line.indexOf(prefix);
                if (at < 0) {
                    continue;
                }
                int from = at + prefix.length();
                if (label.length > 0) {
                    int labelled = line.indexOf(label[0], from);
                    if (labelled < 0) {
                        continue;
                    }
                    from = labelled + label[0].length();
                }
                int to = from;
                while (to < line.length() && Character.isDigit(line.charAt(to))) {
                    to++;
                }
                if (to > from) {
                    found = Long.parseLong(line.substring(from, to));
                }
            }
        }
        return found;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
