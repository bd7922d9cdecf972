package io.ganflow.models.numerics;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * One process of a machine at a time chooses its kernels: the services that compute start together (./gan up starts
 * three), and three choices at once on two cores each took ten times as long (~150 s instead of ~15 s: every
 * candidate's timing runs its own threads against the others'). The others wait, then find the choice remembered
 * and only check it. A lock file in the folder of remembered choices; the operating system releases it when its
 * process ends, however it ends. Where the folder cannot be used, or the wait runs out, the choice goes ahead alone.
 */
final class MachineLock implements AutoCloseable {

    static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

    private final FileChannel channel;
    private final FileLock lock;

    private MachineLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Optional<MachineLock> acquire(Path folder) {
        FileChannel channel = null;
        try {
            Files.createDirectories(folder);
            channel = FileChannel.open(
                    folder.resolve("choosing.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + LONGEST_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return Optional.of(new MachineLock(channel, lock));
                }
                Thread.sleep(200);
            }
        } catch (IOException | RuntimeException e) {
            // no folder to lock in: choose alone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close(channel);
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it too
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
