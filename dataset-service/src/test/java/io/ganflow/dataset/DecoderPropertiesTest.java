package io.ganflow.dataset;

import io.ganflow.dataset.cifar.Cifar10;
import io.ganflow.dataset.folders.ImageFolders;
import io.ganflow.dataset.idx.DatasetFormatException;
import io.ganflow.dataset.idx.IdxReader;
import io.ganflow.events.fuzz.RandomInputs;
import io.ganflow.testing.ImageArchives;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readers of outside files (IDX, CIFAR-10's binary archive, uploaded archives, uploaded images), fed thousands
 * of random and mutated files: each either reads or refuses with {@link DatasetFormatException} (an image: is
 * listed as skipped); nothing else escapes, and no header makes them allocate what the file does not hold.
 */
class DecoderPropertiesTest {

    @TempDir
    Path folder;

    @Test
    void idxFilesReadOrAreRefused() throws IOException {
        byte[] images = idx(0x00000803, 3, 4, 4, new byte[48]);
        byte[] labels = idx(0x00000801, 3, -1, -1, new byte[] {1, 2, 9});
        List<byte[]> valid = List.of(images, labels, gzip(images), gzip(labels));
        RandomInputs.check(11, 4000, valid, asFile("data.idx", file -> {
            refusedOnlyAsFormat(() -> IdxReader.readImages(file));
            refusedOnlyAsFormat(() -> IdxReader.readLabels(file, 10));
        }));
        RandomInputs.check(12, 2000, valid, asFile("data.idx.gz", file -> {
            refusedOnlyAsFormat(() -> IdxReader.readImages(file));
            refusedOnlyAsFormat(() -> IdxReader.readLabels(file, 10));
        }));
    }

    @Test
    void cifarArchivesReadOrAreRefused() throws IOException {
        byte[] archive = ImageArchives.tarGz(Map.of(
                "cifar-10-batches-bin/data_batch_1.bin",
                new byte[Cifar10.RECORD_BYTES * 2],
                "cifar-10-batches-bin/readme.html",
                "<html/>".getBytes()));
        RandomInputs.check(
                13,
                1500,
                List.of(archive),
                asFile("cifar-10-binary.tar.gz", file -> refusedOnlyAsFormat(() -> Cifar10.readTraining(file))));
    }

    @Test
    void uploadedArchivesUnpackOrAreRefused() {
        Map<String, byte[]> classes = ImageArchives.classFolders("pets", 2, 2, 4);
        List<byte[]> valid = List.of(ImageArchives.zip(classes), ImageArchives.tarGz(classes));
        RandomInputs.check(14, 1500, valid, asFile("upload.archive", file -> {
            Path unpacked = folder.resolve("unpacked");
            try {
                refusedOnlyAsFormat(() -> io.ganflow.dataset.uploads.ArchiveExtractorAccess.extract(file, unpacked));
            } finally {
                deleteRecursively(unpacked);
            }
        }));
    }

    @Test
    void uploadedImagesAreReadOrSkippedNeverFatal() {
        List<byte[]> valid = List.of(
                ImageArchives.png(Color.ORANGE, 12, 9),
                ImageArchives.jpeg(Color.CYAN, 12, 9),
                ImageArchives.pngHeader(30_000, 30_000));
        RandomInputs.check(15, 1500, valid, bytes -> {
            Path classFolder = folder.resolve("images/only");
            try {
                Files.createDirectories(classFolder);
                Files.write(classFolder.resolve("image.png"), bytes);
                Files.copy(
                        classFolder.resolve("image.png"),
                        classFolder.resolve("good.png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.write(classFolder.resolve("good.png"), ImageArchives.png(Color.RED, 4, 4));
                ImageFolders.read(folder.resolve("images"), "fuzz", 3, 8, 1 << 20);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void refusedOnlyAsFormat(Runnable read) {
        try {
            read.run();
        } catch (DatasetFormatException refused) {
            // the one declared way to fail
        }
    }

    private Consumer<byte[]> asFile(String name, Consumer<Path> property) {
        return bytes -> {
            Path file = folder.resolve(name);
            try {
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            property.accept(file);
        };
    }

    private static byte[] idx(int magic, int count, int rows, int columns, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            out.writeInt(count);
            if (rows >= 0) {
                out.writeInt(rows);
                out.writeInt(columns);
            }
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
