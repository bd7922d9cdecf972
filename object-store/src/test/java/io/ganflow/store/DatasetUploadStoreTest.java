package io.ganflow.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upload's archive streams into the store and out to a file; a refused upload leaves nothing behind. */
class DatasetUploadStoreTest {

    private final ObjectStore store = LocalStore.freshBucket();
    private final DatasetStore datasets = new DatasetStore(store);

    @Test
    void anArchiveStreamsInAndOutWholeAndARefusedUploadLeavesNothing(@TempDir Path folder) throws Exception {
        byte[] archive = new byte[20 * 1024 * 1024 + 17]; // more than one part of a streamed upload
        archive[archive.length - 1] = 42;
        assertEquals(archive.length, datasets.saveArchive("refused", new ByteArrayInputStream(archive)));
        Path copy = folder.resolve("copy");
        assertTrue(datasets.archiveToFile("refused", copy));
        assertArrayEquals(archive, Files.readAllBytes(copy));
        store.put("datasets/refused/pixels.bin", new byte[3], "application/octet-stream");

        datasets.removeUpload("refused");
        assertEquals(List.of(), store.list("datasets/refused/"), "no orphan objects");
        assertTrue(!datasets.archiveToFile("refused", folder.resolve("none")), "nothing to copy");
    }
}
