package io.ganflow.dataset.uploads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.dataset.idx.DatasetFormatException;
import io.ganflow.testing.ImageArchives;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveExtractorTest {

    @TempDir
    Path target;

    static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                TarArchiveEntry tarEntry = new TarArchiveEntry(entry.getKey());
                tarEntry.setSize(entry.getValue().length);
                tar.putArchiveEntry(tarEntry);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void aZipOfAFolderOfClassFoldersOpensAtTheClassFolders() {
        Path root = ArchiveExtractor.extract(ImageArchives.zip(ImageArchives.classFolders("pets", 2, 3, 8)), target);
        assertEquals(target.resolve("pets"), root);
        assertTrue(Files.isRegularFile(root.resolve("class-1/image-2.png")));
    }

    @Test
    void aTarGzWithClassFoldersAtItsRootOpensAtItsRoot() throws IOException {
        Map<String, byte[]> entries = Map.of(
                "cats/a.png", ImageArchives.png(Color.RED, 4, 4),
                "dogs/b.png", ImageArchives.png(Color.BLUE, 4, 4));
        Path root = ArchiveExtractor.extract(tarGz(entries), target);
        assertEquals(target, root);
        assertTrue(Files.isRegularFile(root.resolve("dogs/b.png")));
    }

    @Test
    void anEntryThatLeavesTheFolderIsRefusedAndNothingIsWrittenOutside() {
        byte[] evil = ImageArchives.zip(Map.of("../../escaped.png", new byte[] {1, 2, 3}));
        DatasetFormatException error =
                assertThrows(DatasetFormatException.class, () -> ArchiveExtractor.extract(evil, target));
        assertTrue(error.getMessage().contains("points outside the archive"), error.getMessage());
        assertFalse(Files.exists(target.getParent().getParent().resolve("escaped.png")));
    }

    @Test
    void whatIsNoArchiveOrACutOffArchiveIsAClearError() throws IOException {
        DatasetFormatException notAnArchive =
                assertThrows(DatasetFormatException.class, () -> ArchiveExtractor.extract("hello".getBytes(), target));
        assertTrue(notAnArchive.getMessage().contains("neither a ZIP nor a tar.gz"), notAnArchive.getMessage());

        byte[] whole = tarGz(Map.of("cats/a.png", ImageArchives.png(Color.RED, 64, 64)));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        DatasetFormatException cut = assertThrows(
                DatasetFormatException.class, () -> ArchiveExtractor.extract(truncated, target.resolve("t")));
        assertTrue(cut.getMessage().startsWith("the archive cannot be read"), cut.getMessage());
    }
}
