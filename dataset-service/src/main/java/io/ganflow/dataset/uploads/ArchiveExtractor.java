package io.ganflow.dataset.uploads;

import io.ganflow.dataset.idx.DatasetFormatException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks an uploaded ZIP or tar.gz archive into a folder, refusing what could escape it or fill the disk: entries
 * whose path leaves the folder, more entries or more unpacked bytes than its {@link Budget}. An entry whose name
 * cannot be a file name (a NUL byte, say) is skipped and listed; names that are not valid UTF-8 are read with
 * replacement characters instead of failing the archive. Only files and folders are unpacked (no links). Returns
 * the folder that holds the class folders: the archive's root, or its one top-level folder when it has nothing else.
 */
final class ArchiveExtractor {

    /** The most an archive may unpack to. */
    record Budget(int entries, long bytes) {
        static final Budget DEFAULT = new Budget(200_000, 2L << 30);
    }

    /** Where the class folders are, and the entries that were skipped, with the reason. */
    record Extracted(Path root, List<String> skipped) {}

    private ArchiveExtractor() {}

    static Extracted extract(Path archive, Path target, Budget budget) {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive))) {
            file.mark(2);
            int first = file.read();
            int second = file.read();
            file.reset();
            List<String> skipped = new ArrayList<>();
            if (first == 0x50 && second == 0x4b) {
                unpack(new ZipArchiveInputStream(file, "UTF-8", true, true), target, budget, skipped);
            } else if (first == 0x1f && second == 0x8b) {
                unpack(new TarArchiveInputStream(new GzipCompressorInputStream(file)), target, budget, skipped);
            } else {
                throw new DatasetFormatException("the upload is neither a ZIP nor a tar.gz archive");
            }
            return new Extracted(classRoot(target), skipped);
        } catch (IOException | IllegalArgumentException e) {
            throw new DatasetFormatException("the archive cannot be read: " + e.getMessage());
        }
    }

    private static void unpack(ArchiveInputStream<?> in, Path target, Budget budget, List<String> skipped)
            throws IOException {
        int entries = 0;
        long bytes = 0;
        try (in) {
            for (ArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!isFileOrFolder(entry)) {
                    continue;
                }
                if (++entries > budget.entries()) {
                    throw new DatasetFormatException("the archive has more than " + budget.entries() + " entries");
                }
                Path path;
                try {
                    path = target.resolve(entry.getName()).normalize();
                } catch (InvalidPathException e) {
                    skipped.add(printable(entry.getName()) + ": not a valid file name");
                    continue;
                }
                if (!path.startsWith(target)) {
                    throw new DatasetFormatException(
                            "archive entry " + printable(entry.getName()) + " points outside the archive");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                bytes += copy(in, path, budget.bytes() - bytes, budget.bytes());
            }
        }
        if (entries == 0) {
            throw new DatasetFormatException("the archive is empty or truncated");
        }
    }

    /** Copies the entry; throws once more than {@code allowance} bytes came. Returns the bytes copied. */
    private static long copy(InputStream in, Path file, long allowance, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        try (var out = Files.newOutputStream(file)) {
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                copied += read;
                if (copied > allowance) {
                    throw new DatasetFormatException(
                            "the archive unpacks to more than the " + limit + " bytes an upload may hold");
                }
                out.write(buffer, 0, read);
            }
        }
        return copied;
    }

    private static boolean isFileOrFolder(ArchiveEntry entry) {
        if (entry instanceof TarArchiveEntry tar) {
            return tar.isDirectory() || tar.isFile();
        }
        return !(entry instanceof ZipArchiveEntry zip) || !zip.isUnixSymlink();
    }

    /** At most 80 characters of an entry name, control characters shown as '?', for messages. */
    private static String printable(String name) {
        String shown = name.length() > 80 ? name.substring(0, 80) + "..." : name;
        return shown.replaceAll("\\p{Cntrl}", "?");
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
}
