package io.ganflow.dataset.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path directory;

    private static byte[] idxImages(int magic, int count, int rows, int columns, int pixelBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(columns);
        for (int i = 0; i < pixelBytes; i++) {
            out.writeByte(i % 251);
        }
        return bytes.toByteArray();
    }

    private static byte[] idxLabels(int count, int... labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxReader.LABELS_MAGIC);
        out.writeInt(count);
        for (int label : labels) {
            out.writeByte(label);
        }
        return bytes.toByteArray();
    }

    private Path gzip(String name, byte[] content) throws IOException {
        Path file = directory.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }

    @Test
    void readsGzippedImagesAndLabels() throws IOException {
        Path images = gzip("images.gz", idxImages(IdxReader.IMAGES_MAGIC, 3, 28, 28, 3 * 784));
        Path labels = gzip("labels.gz", idxLabels(3, 0, 9, 4));
        IdxReader.Images read = IdxReader.readImages(images);
        assertEquals(3, read.count());
        assertEquals(28, read.rows());
        assertEquals(250, Byte.toUnsignedInt(read.pixels()[250]));
        assertArrayEquals(new int[] {0, 9, 4}, IdxReader.readLabels(labels, 10));
    }

    @Test
    void truncatedImagesNameTheFileAndTheShortfall() throws IOException {
        byte[] whole = idxImages(IdxReader.IMAGES_MAGIC, 3, 28, 28, 3 * 784);
        Path images = gzip("train-images.gz", Arrays.copyOf(whole, whole.length - 100));
        DatasetFormatException error = assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(images));
        assertTrue(error.getMessage().contains("train-images.gz"), error.getMessage());
        assertTrue(error.getMessage().contains("truncated"), error.getMessage());
    }

    @Test
    void aLabelsFileGivenAsImagesIsRefusedByItsMagicNumber() throws IOException {
        Path labels = gzip("labels.gz", idxLabels(2, 1, 2));
        DatasetFormatException error = assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(labels));
        assertTrue(error.getMessage().contains("magic number 0x00000801"), error.getMessage());
        assertTrue(error.getMessage().contains("labels.gz"), error.getMessage());
    }

    @Test
    void aLabelOutOfRangeIsRefusedWithItsIndex() throws IOException {
        Path labels = gzip("labels.gz", idxLabels(3, 1, 12, 2));
        DatasetFormatException error =
                assertThrows(DatasetFormatException.class, () -> IdxReader.readLabels(labels, 10));
        assertTrue(error.getMessage().contains("label 12 at index 1"), error.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        DatasetFormatException error =
                assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(directory.resolve("nope.gz")));
        assertTrue(error.getMessage().contains("nope.gz: no such file"), error.getMessage());
    }

    @Test
    void imagesAndLabelsOfDifferentCountsAreRefused() throws IOException {
        Files.write(
                directory.resolve(FashionMnist.TRAIN_IMAGES),
                Files.readAllBytes(gzip("a.gz", idxImages(IdxReader.IMAGES_MAGIC, 2, 28, 28, 2 * 784))));
        Files.write(
                directory.resolve(FashionMnist.TRAIN_LABELS), Files.readAllBytes(gzip("b.gz", idxLabels(3, 1, 2, 3))));
        DatasetFormatException error =
                assertThrows(DatasetFormatException.class, () -> FashionMnist.readTraining(directory));
        assertTrue(error.getMessage().contains("3 labels for 2 images"), error.getMessage());
    }

    @Test
    void theTestSplitIsReadFromItsOwnFilesAndChecked() throws IOException {
        gzip(FashionMnist.TEST_IMAGES, idxImages(IdxReader.IMAGES_MAGIC, 3, 28, 28, 3 * 784));
        gzip(FashionMnist.TEST_LABELS, idxLabels(3, 4, 5, 6));
        LabelledImages test = FashionMnist.readTest(directory);
        assertEquals(3, test.count());
        assertEquals(6, test.labels()[2]);

        gzip(FashionMnist.TEST_LABELS, idxLabels(3, 4, 5, 10)); // 10 is no Fashion-MNIST class
        DatasetFormatException error =
                assertThrows(DatasetFormatException.class, () -> FashionMnist.readTest(directory));
        assertTrue(error.getMessage().contains(FashionMnist.TEST_LABELS), error.getMessage());
    }
}
