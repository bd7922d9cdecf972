package io.ganflow.dataset.uploads;

import io.ganflow.dataset.idx.DatasetFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks an uploaded ZIP or tar.gz archive into a folder, refusing what could escape it or fill the disk: entries
 * whose path leaves the folder, more than {@link #MAX_ENTRIES} entries or {@link #MAX_BYTES} unpacked. Returns the
 * folder that holds the class folders: the archive's root, or its one top-level folder when it has nothing else.
 */
final class ArchiveExtractor {

    static final int MAX_ENTRIES = 200_000;
    static final long MAX_BYTES = 2L << 30;

    private ArchiveExtractor() {}

    static Path extract(byte[] archive, Path target) {
        try {
            if (startsWith(archive, 0x50, 0x4b)) {
                unzip(archive, target);
            } else if (startsWith(archive, 0x1f, 0x8b)) {
                untar(archive, target);
            } else {
                throw new DatasetFormatException("the upload is neither a ZIP nor a tar.gz archive");
            }
            return classRoot(target);
        } catch (IOException e) {
            throw new DatasetFormatException("the archive cannot be read: " + e.getMessage());
        }
    }

    private static void unzip(byte[] archive, Path target) throws IOException {
        Budget budget = new Budget();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                write(zip, entry.getName(), entry.isDirectory(), target, budget);
            }
        }
        if (budget.entries == 0) {
            throw new DatasetFormatException("the ZIP archive is empty or truncated");
        }
    }

    private static void untar(byte[] archive, Path target) throws IOException {
        Budget budget = new Budget();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isDirectory() || entry.isFile()) {
                    write(tar, entry.getName(), entry.isDirectory(), target, budget);
                }
            }
        }
    }

    private static void write(InputStream in, String name, boolean directory, Path target, Budget budget)
            throws IOException {
        Path path = target.resolve(name).normalize();
        if (!path.startsWith(target)) {
            throw new DatasetFormatException("archive entry " + name + " points outside the archive");
        }
        if (++budget.entries > MAX_ENTRIES) {
            throw new DatasetFormatException("the archive has more than " + MAX_ENTRIES + " entries");
        }
        if (directory) {
            Files.createDirectories(path);
            return;
        }
        Files.createDirectories(path.getParent());
        byte[] buffer = new byte[64 * 1024];
        try (var out = Files.newOutputStream(path)) {
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                budget.bytes += read;
                if (budget.bytes > MAX_BYTES) {
                    throw new DatasetFormatException("the archive unpacks to more than " + MAX_BYTES + " bytes");
                }
                out.write(buffer, 0, read);
            }
        }
    }

    /** Descends through lone top-level folders (an archive of a folder) to the folder of class folders. */
    private static Path classRoot(Path root) throws IOException {
        Path current = root;
        while (true) {
            List<Path> entries;
            try (Stream<Path> list = Files.list(current)) {
                entries = list.filter(p -> !isNoise(p)).toList();
            }
            if (entries.size() != 1 || !Files.isDirectory(entries.get(0)) || !hasOnlyFolders(entries.get(0))) {
                return current;
            }
            current = entries.get(0);
        }
    }

    private static boolean hasOnlyFolders(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            List<Path> entries = list.filter(p -> !isNoise(p)).toList();
            return !entries.isEmpty() && entries.stream().allMatch(Files::isDirectory);
        }
    }

    /** What archivers add beside the data: macOS resource forks and hidden files. */
    private static boolean isNoise(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(".") || name.equals("__MACOSX");
    }

    private static boolean startsWith(byte[] bytes, int first, int second) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == first && (bytes[1] & 0xff) == second;
    }

    private static final class Budget {
        int entries;
        long bytes;
    }
}
