package io.ganflow.evaluator.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.models.quality.AccuracyScore;
import io.ganflow.testing.ImageArchives;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both formats read back exactly; a damaged or foreign archive is refused naming what is wrong. */
class SyntheticArchiveTest {

    @TempDir
    Path folder;

    private final byte[] pixels = randomPixels(5);
    private final int[] labels = {0, 9, 3, 3, 1};

    @Test
    void bothFormatsReadBackToTheImagesAndLabelsWritten() throws IOException {
        for (String format : new String[] {"idx", "png-zip"}) {
            byte[] zip = format.equals("idx") ? SyntheticZips.idx(pixels, labels) : SyntheticZips.png(pixels, labels);
            AccuracyScore.Images read = SyntheticArchive.read(file(zip), format, 5, 1, 28, 10);
            assertArrayEquals(pixels, read.pixels(), format);
            assertArrayEquals(labels, read.labels(), format);
        }
    }

    @Test
    void anArchiveUnlikeWhatItsJobSaidIsRefusedWithTheReason() throws IOException {
        refused(SyntheticZips.idx(pixels, labels), "idx", 6, "IDX header of 6 images");
        refused(SyntheticZips.idx(pixels, new int[] {0, 1, 2, 3, 10}), "idx", 5, "label outside 0-9");
        refused(ImageArchives.zip(Map.of("labels-idx1-ubyte", new byte[8])), "idx", 5, "no images-idx3-ubyte");
        byte[] cut = SyntheticZips.idx(pixels, labels);
        refused(Arrays.copyOf(cut, cut.length / 2), "idx", 5, "not a readable ZIP");
        refused("not a zip".getBytes(StandardCharsets.UTF_8), "png-zip", 5, "not a readable ZIP");

        refused(SyntheticZips.png(pixels, labels), "png-zip", 4, "4 lines");
        refused(
                ImageArchives.zip(Map.of(
                        "labels.csv",
                        "file,label\nimage-000000.png,0\n".getBytes(StandardCharsets.UTF_8),
                        "image-000000.png",
                        "GIF89a".getBytes(StandardCharsets.UTF_8))),
                "png-zip",
                1,
                "image-000000.png: not a");
        refused(
                ImageArchives.zip(
                        Map.of("labels.csv", "file,label\n../../etc/passwd,0\n".getBytes(StandardCharsets.UTF_8))),
                "png-zip",
                1,
                "should name image-000000.png");
        byte[] huge = new byte[2 << 20];
        refused(
                ImageArchives.zip(Map.of(
                        "labels.csv",
                        "file,label\nimage-000000.png,0\n".getBytes(StandardCharsets.UTF_8),
                        "image-000000.png",
                        huge)),
                "png-zip",
                1,
                "larger than");
    }

    private void refused(byte[] zip, String format, int count, String reason) throws IOException {
        SyntheticArchive.UnreadableException e = assertThrows(
                SyntheticArchive.UnreadableException.class,
                () -> SyntheticArchive.read(file(zip), format, count, 1, 28, 10));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private Path file(byte[] zip) throws IOException {
        return Files.write(Files.createTempFile(folder, "set", ".zip"), zip);
    }

    private static byte[] randomPixels(int images) {
        byte[] pixels = new byte[images * 784];
        new Random(11).nextBytes(pixels);
        return pixels;
    }
}
