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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveExtractorTest {

    @TempDir
    Path target;

    /** Extracts {@code archive} (written to a file, as an upload is) into {@code into}; returns the class root. */
    private Path extract(byte[] archive, Path into) {
        return extractWith(archive, into, ArchiveExtractor.Budget.DEFAULT).root();
    }

    private ArchiveExtractor.Extracted extractWith(byte[] archive, Path into, ArchiveExtractor.Budget budget) {
        try {
            Path file = Files.createTempFile(target.getParent(), "upload", ".archive");
            Files.write(file, archive);
            return ArchiveExtractor.extract(file, into, budget);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aZipOfAFolderOfClassFoldersOpensAtTheClassFolders() {
        Path root = extract(ImageArchives.zip(ImageArchives.classFolders("pets", 2, 3, 8)), target);
        assertEquals(target.resolve("pets"), root);
        assertTrue(Files.isRegularFile(root.resolve("class-1/image-2.png")));
    }

    @Test
    void aTarGzWithClassFoldersAtItsRootOpensAtItsRoot() throws IOException {
        Map<String, byte[]> entries = Map.of(
                "cats/a.png", ImageArchives.png(Color.RED, 4, 4),
                "dogs/b.png", ImageArchives.png(Color.BLUE, 4, 4));
        Path root = extract(ImageArchives.tarGz(entries), target);
        assertEquals(target, root);
        assertTrue(Files.isRegularFile(root.resolve("dogs/b.png")));
    }

    @Test
    void anEntryThatLeavesTheFolderIsRefusedAndNothingIsWrittenOutside() {
        byte[] evil = ImageArchives.zip(Map.of("../../escaped.png", new byte[] {1, 2, 3}));
        DatasetFormatException error = assertThrows(DatasetFormatException.class, () -> extract(evil, target));
        assertTrue(error.getMessage().contains("points outside the archive"), error.getMessage());
        assertFalse(Files.exists(target.getParent().getParent().resolve("escaped.png")));
    }

    @Test
    void whatIsNoArchiveOrACutOffArchiveIsAClearError() throws IOException {
        DatasetFormatException notAnArchive =
                assertThrows(DatasetFormatException.class, () -> extract("hello".getBytes(), target));
        assertTrue(notAnArchive.getMessage().contains("neither a ZIP nor a tar.gz"), notAnArchive.getMessage());

        byte[] whole = ImageArchives.tarGz(Map.of("cats/a.png", ImageArchives.png(Color.RED, 64, 64)));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        DatasetFormatException cut =
                assertThrows(DatasetFormatException.class, () -> extract(truncated, target.resolve("t")));
        assertTrue(cut.getMessage().startsWith("the archive cannot be read"), cut.getMessage());
    }

    @Test
    void anArchiveThatUnpacksToMoreThanItsBudgetIsRefused() {
        // 10 MiB of zeros deflate to about 10 KB
        byte[] bomb = ImageArchives.zip(Map.of("cats/zeros.png", new byte[10 * 1024 * 1024]));
        assertTrue(bomb.length < 100_000, "a small upload: " + bomb.length);
        DatasetFormatException error = assertThrows(
                DatasetFormatException.class,
                () -> extractWith(bomb, target, new ArchiveExtractor.Budget(100, 1024 * 1024)));
        assertTrue(error.getMessage().contains("unpacks to more than the 1048576 bytes"), error.getMessage());

        Map<String, byte[]> many = new java.util.HashMap<>();
        for (int i = 0; i < 20; i++) {
            many.put("cats/" + i + ".png", new byte[] {1});
        }
        DatasetFormatException tooMany = assertThrows(
                DatasetFormatException.class,
                () -> extractWith(
                        ImageArchives.zip(many), target.resolve("m"), new ArchiveExtractor.Budget(10, 1 << 20)));
        assertTrue(tooMany.getMessage().contains("more than 10 entries"), tooMany.getMessage());
    }

    @Test
    void entryNamesThatAreNotUtf8OrNotFileNamesAreReadOrSkippedNeverFatal() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // names written as Latin-1 bytes without the UTF-8 flag: 0xE9 is no valid UTF-8
        try (java.util.zip.ZipOutputStream zip =
                new java.util.zip.ZipOutputStream(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            for (String name : List.of("caf\u00e9/a.png", "dogs/b.png", "dogs/nul\u0000.png")) {
                zip.putNextEntry(new java.util.zip.ZipEntry(name));
                zip.write(ImageArchives.png(Color.RED, 4, 4));
                zip.closeEntry();
            }
        }
        ArchiveExtractor.Extracted extracted =
                extractWith(bytes.toByteArray(), target, ArchiveExtractor.Budget.DEFAULT);
        assertTrue(Files.isRegularFile(extracted.root().resolve("dogs/b.png")));
        try (var folders = Files.list(extracted.root())) {
            assertEquals(2, folders.count(), "the Latin-1 folder is read too, under a replaced name");
        }
        assertEquals(1, extracted.skipped().size(), extracted.skipped().toString());
        assertTrue(
                extracted.skipped().get(0).contains("not a valid file name"),
                extracted.skipped().get(0));
    }
}
