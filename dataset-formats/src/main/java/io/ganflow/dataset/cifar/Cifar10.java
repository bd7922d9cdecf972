package io.ganflow.dataset.cifar;

import io.ganflow.dataset.idx.DatasetFormatException;
import io.ganflow.dataset.idx.LabelledImages;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * CIFAR-10's training split in its official binary format: {@code data_batch_1.bin} to {@code data_batch_5.bin},
 * each 10,000 records of 1 label byte then 1024 red, 1024 green and 1024 blue bytes (row-major), read from a folder
 * or straight from {@code cifar-10-binary.tar.gz}. Sizes and labels are checked; errors name the file.
 */
public final class Cifar10 {

    public static final String NAME = "cifar-10";
    public static final int CLASSES = 10;
    public static final int SIDE = 32;
    public static final int IMAGE_BYTES = 3 * SIDE * SIDE;
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    public static final int RECORDS_PER_FILE = 10_000;
    public static final List<String> TRAINING_FILES =
            List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    /** The held-out split: 10,000 images, 1,000 of each class. */
    public static final List<String> TEST_FILES = List.of("test_batch.bin");

    private Cifar10() {}

    /** Whether {@code location} looks like a CIFAR-10 copy (a folder with the first batch file, or an archive). */
    public static boolean present(Path location) {
        return Files.isRegularFile(location)
                || Files.isRegularFile(location.resolve(TRAINING_FILES.get(0)))
                || Files.isRegularFile(location.resolve("cifar-10-binary.tar.gz"));
    }

    /** The training split from a folder of .bin files, or from the .tar.gz archive (the file, or inside the folder). */
    public static LabelledImages readTraining(Path location) {
        return read(location, TRAINING_FILES);
    }

    /** The held-out test split, from the same places as {@link #readTraining}. */
    public static LabelledImages readTest(Path location) {
        return read(location, TEST_FILES);
    }

    private static LabelledImages read(Path location, List<String> wanted) {
        if (!Files.exists(location)) {
            throw new DatasetFormatException(
                    "no CIFAR-10 at " + location + ": expected a folder of data_batch_1.bin .. "
                            + "data_batch_5.bin or cifar-10-binary.tar.gz (set GAN_CIFAR10_LOCATION to your copy)");
        }
        if (Files.isDirectory(location) && Files.isRegularFile(location.resolve("cifar-10-binary.tar.gz"))) {
            return read(location.resolve("cifar-10-binary.tar.gz"), wanted);
        }
        Map<String, byte[]> files =
                Files.isDirectory(location) ? readFolder(location, wanted) : readArchive(location, wanted);
        List<byte[]> batches = new ArrayList<>();
        for (String name : wanted) {
            byte[] content = files.get(name);
            if (content == null) {
                throw new DatasetFormatException(location + ": " + name + " is missing");
            }
            batches.add(content);
        }
        return decode(batches);
    }

    private static Map<String, byte[]> readFolder(Path folder, List<String> wanted) {
        Map<String, byte[]> files = new TreeMap<>();
        for (String name : wanted) {
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    files.put(name, checkedSize(file.toString(), Files.readAllBytes(file)));
                } catch (IOException e) {
                    throw new DatasetFormatException(file + ": cannot read: " + e.getMessage());
                }
            }
        }
        return files;
    }

    private static Map<String, byte[]> readArchive(Path archive, List<String> wanted) {
        Map<String, byte[]> files = new TreeMap<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw, 1 << 16))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                // the name after the last '/', by hand: an entry's name need not be a valid path
                String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                if (entry.isFile() && wanted.contains(name)) {
                    if (entry.getSize() != (long) RECORDS_PER_FILE * RECORD_BYTES) {
                        // refused before anything is read: a tar header may claim gigabytes
                        checkedSize(archive + "!" + entry.getName(), new byte[0], entry.getSize());
                    }
                    ByteArrayOutputStream content = new ByteArrayOutputStream(RECORDS_PER_FILE * RECORD_BYTES);
                    tar.transferTo(content);
                    if (content.size() != entry.getSize()) {
                        throw new DatasetFormatException(archive + ": truncated archive: " + entry.getName()
                                + " should have " + entry.getSize() + " bytes, has " + content.size());
                    }
                    files.put(name, checkedSize(archive + "!" + entry.getName(), content.toByteArray()));
                }
            }
        } catch (IOException e) {
            throw new DatasetFormatException(
                    archive + ": not a readable cifar-10-binary.tar.gz (truncated or " + "corrupt): " + e.getMessage());
        }
        return files;
    }

    private static byte[] checkedSize(String file, byte[] content) {
        return checkedSize(file, content, content.length);
    }

    /** {@code content}, checked; {@code size} is what the file has (or, in an archive, says it has). */
    private static byte[] checkedSize(String file, byte[] content, long size) {
        if (size != RECORDS_PER_FILE * RECORD_BYTES) {
            throw new DatasetFormatException(file + ": a CIFAR-10 batch file has " + RECORDS_PER_FILE + " records of "
                    + RECORD_BYTES + " bytes (" + RECORDS_PER_FILE * RECORD_BYTES + " bytes), this one has "
                    + size + " bytes");
        }
        for (int record = 0; record < RECORDS_PER_FILE; record++) {
            int label = Byte.toUnsignedInt(content[record * RECORD_BYTES]);
            if (label >= CLASSES) {
                throw new DatasetFormatException(
                        file + ": label " + label + " of record " + record + " is out of range 0-9");
            }
        }
        return content;
    }

    /** Records are already channel-planar (R, G, B planes), which is the CHW layout batches carry. */
    private static LabelledImages decode(List<byte[]> batches) {
        int count = batches.size() * RECORDS_PER_FILE;
        byte[] pixels = new byte[count * IMAGE_BYTES];
        int[] labels = new int[count];
        int image = 0;
        for (byte[] batch : batches) {
            for (int record = 0; record < RECORDS_PER_FILE; record++, image++) {
                labels[image] = Byte.toUnsignedInt(batch[record * RECORD_BYTES]);
                System.arraycopy(batch, record * RECORD_BYTES + 1, pixels, image * IMAGE_BYTES, IMAGE_BYTES);
            }
        }
        return new LabelledImages(NAME, CLASSES, 3, SIDE, SIDE, pixels, labels);
    }
}
