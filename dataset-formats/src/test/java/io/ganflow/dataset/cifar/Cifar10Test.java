package io.ganflow.dataset.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.dataset.idx.DatasetFormatException;
import io.ganflow.dataset.idx.LabelledImages;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-10 cannot be downloaded here: these files are written in its exact binary format. */
class Cifar10Test {

    @TempDir
    static Path directory;

    static Path folder;
    static Path archive;

    /** Record r of file f: label (7r + f) % 10; red plane = 20 * label, green = r % 256, blue = f. */
    static byte[] batchFile(int file) {
        byte[] content = new byte[Cifar10.RECORDS_PER_FILE * Cifar10.RECORD_BYTES];
        for (int r = 0; r < Cifar10.RECORDS_PER_FILE; r++) {
            int at = r * Cifar10.RECORD_BYTES;
            int label = (7 * r + file) % 10;
            content[at] = (byte) label;
            Arrays.fill(content, at + 1, at + 1 + 1024, (byte) (20 * label));
            Arrays.fill(content, at + 1 + 1024, at + 1 + 2048, (byte) (r % 256));
            Arrays.fill(content, at + 1 + 2048, at + 1 + 3072, (byte) file);
        }
        return content;
    }

    @BeforeAll
    static void writeOfficialFiles() throws IOException {
        folder = Files.createDirectories(directory.resolve("cifar-10-batches-bin"));
        for (int f = 1; f <= 5; f++) {
            Files.write(folder.resolve("data_batch_" + f + ".bin"), batchFile(f));
        }
        Files.write(folder.resolve("test_batch.bin"), batchFile(6));
        archive = directory.resolve("cifar-10-binary.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (String name : new String[] {
                "batches.meta.txt",
                "data_batch_1.bin",
                "data_batch_2.bin",
                "data_batch_3.bin",
                "data_batch_4.bin",
                "data_batch_5.bin",
                "test_batch.bin"
            }) {
                Path file = folder.resolve(name);
                byte[] content = Files.exists(file) ? Files.readAllBytes(file) : "airplane\n".getBytes();
                TarArchiveEntry entry = new TarArchiveEntry("cifar-10-batches-bin/" + name);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
    }

    @Test
    void readsTheFiftyThousandTrainingImagesFromAFolder() {
        LabelledImages data = Cifar10.readTraining(folder);
        assertEquals(50_000, data.count());
        assertEquals(3 * 32 * 32, data.imageBytes());
        // image 10,003 is record 3 of data_batch_2.bin
        int image = 10_003;
        int label = (7 * 3 + 2) % 10;
        assertEquals(label, data.labels()[image]);
        int at = image * data.imageBytes();
        assertEquals(20 * label, Byte.toUnsignedInt(data.pixels()[at]), "red plane first");
        assertEquals(3, Byte.toUnsignedInt(data.pixels()[at + 1024]), "then green");
        assertEquals(2, Byte.toUnsignedInt(data.pixels()[at + 2048]), "then blue");
    }

    @Test
    void readsTheSameFromTheArchive() {
        LabelledImages fromFolder = Cifar10.readTraining(folder);
        LabelledImages fromArchive = Cifar10.readTraining(archive);
        assertArrayEquals(fromFolder.labels(), fromArchive.labels());
        assertArrayEquals(fromFolder.pixels(), fromArchive.pixels());
        assertEquals(50_000, Cifar10.readTraining(directory).count(), "a folder holding the archive works too");
    }

    @Test
    void readsTheHeldOutTestSplitFromTheFolderAndTheArchiveAndNoTrainingFile() throws IOException {
        LabelledImages fromFolder = Cifar10.readTest(folder);
        LabelledImages fromArchive = Cifar10.readTest(archive);
        assertEquals(10_000, fromFolder.count());
        assertArrayEquals(fromFolder.pixels(), fromArchive.pixels());
        // record 5 of test_batch.bin (written as file 6)
        assertEquals((7 * 5 + 6) % 10, fromFolder.labels()[5]);
        assertEquals(6, Byte.toUnsignedInt(fromFolder.pixels()[5 * fromFolder.imageBytes() + 2048]), "blue = file 6");

        Path withoutTest = Files.createDirectories(directory.resolve("no-test-split"));
        Files.write(withoutTest.resolve("data_batch_1.bin"), batchFile(1));
        DatasetFormatException missing =
                assertThrows(DatasetFormatException.class, () -> Cifar10.readTest(withoutTest));
        assertTrue(missing.getMessage().contains("test_batch.bin is missing"), missing.getMessage());
        Path truncated = Files.createDirectories(directory.resolve("truncated-test-split"));
        Files.write(truncated.resolve("test_batch.bin"), Arrays.copyOf(batchFile(6), 3073 * 10));
        DatasetFormatException cut = assertThrows(DatasetFormatException.class, () -> Cifar10.readTest(truncated));
        assertTrue(cut.getMessage().contains("test_batch.bin"), cut.getMessage());
    }

    @Test
    void aBatchFileOfTheWrongSizeIsNamed() throws IOException {
        Path broken = Files.createDirectories(directory.resolve("short"));
        for (int f = 1; f <= 5; f++) {
            byte[] content = batchFile(f);
            Files.write(
                    broken.resolve("data_batch_" + f + ".bin"),
                    f == 3 ? Arrays.copyOf(content, content.length - Cifar10.RECORD_BYTES) : content);
        }
        DatasetFormatException error = assertThrows(DatasetFormatException.class, () -> Cifar10.readTraining(broken));
        assertTrue(error.getMessage().contains("data_batch_3.bin"), error.getMessage());
        assertTrue(error.getMessage().contains("this one has 30726927 bytes"), error.getMessage());
    }

    @Test
    void aTruncatedArchiveIsACleanError() throws IOException {
        byte[] whole = Files.readAllBytes(archive);
        Path truncated = directory.resolve("truncated.tar.gz");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        DatasetFormatException error =
                assertThrows(DatasetFormatException.class, () -> Cifar10.readTraining(truncated));
        assertTrue(error.getMessage().contains("truncated.tar.gz"), error.getMessage());
    }

    @Test
    void aLabelOutOfRangeIsNamedWithItsRecord() throws IOException {
        Path bad = Files.createDirectories(directory.resolve("bad-label"));
        for (int f = 1; f <= 5; f++) {
            byte[] content = batchFile(f);
            if (f == 4) {
                content[17 * Cifar10.RECORD_BYTES] = 10;
            }
            Files.write(bad.resolve("data_batch_" + f + ".bin"), content);
        }
        DatasetFormatException error = assertThrows(DatasetFormatException.class, () -> Cifar10.readTraining(bad));
        assertTrue(error.getMessage().contains("data_batch_4.bin: label 10 of record 17"), error.getMessage());
    }

    @Test
    void aMissingLocationSaysWhereToPointIt() {
        DatasetFormatException error =
                assertThrows(DatasetFormatException.class, () -> Cifar10.readTraining(directory.resolve("nowhere")));
        assertTrue(error.getMessage().contains("GAN_CIFAR10_LOCATION"), error.getMessage());
    }

    @Test
    void aMissingBatchFileIsNamed() throws IOException {
        Path partial = Files.createDirectories(directory.resolve("partial"));
        Files.write(partial.resolve("data_batch_1.bin"), batchFile(1));
        DatasetFormatException error = assertThrows(DatasetFormatException.class, () -> Cifar10.readTraining(partial));
        assertTrue(error.getMessage().contains("data_batch_2.bin is missing"), error.getMessage());
    }
}
