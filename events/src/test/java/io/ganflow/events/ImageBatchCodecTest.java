package io.ganflow.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageBatchCodecTest {

    private static ImageBatch randomBatch(int count, int channels, int size) {
        Random random = new Random(7);
        int[] labels = random.ints(count, 0, 10).toArray();
        byte[] pixels = new byte[count * channels * size * size];
        random.nextBytes(pixels);
        return new ImageBatch("run-1", 3, 5, 9, channels, size, size, labels, pixels);
    }

    @Test
    void roundTripKeepsEveryFieldAndByte() {
        ImageBatch batch = randomBatch(128, 3, 32);
        ImageBatch decoded = ImageBatchCodec.decode(ImageBatchCodec.encode(batch));
        assertEquals("run-1", decoded.runId());
        assertEquals(3, decoded.epoch());
        assertEquals(5, decoded.index());
        assertEquals(9, decoded.batchesInEpoch());
        assertEquals(3, decoded.channels());
        assertEquals(32, decoded.height());
        assertEquals(32, decoded.width());
        assertArrayEquals(batch.labels(), decoded.labels());
        assertArrayEquals(batch.pixels(), decoded.pixels());
    }

    @Test
    void carriesRawBytesNotFloats() {
        byte[] encoded = ImageBatchCodec.encode(randomBatch(128, 1, 28));
        assertTrue(encoded.length < 128 * 28 * 28 + 128 + 64, "encoded size " + encoded.length);
    }

    @Test
    void truncatedBatchIsRefusedWithAClearError() {
        byte[] encoded = ImageBatchCodec.encode(randomBatch(4, 1, 28));
        MalformedEventException error = assertThrows(
                MalformedEventException.class,
                () -> ImageBatchCodec.decode(Arrays.copyOf(encoded, encoded.length - 10)));
        assertTrue(error.getMessage().contains("needs"), error.getMessage());
    }

    @Test
    void aHeaderWhoseSizesOverflowAnIntIsRefused() {
        byte[] encoded = ImageBatchCodec.encode(randomBatch(1, 1, 8));
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(encoded);
        int counts = 4 + 2 + "run-1".length() + 12;
        // 65536 images of 65535 x 65535 x 65535: as ints the byte count wraps round; as longs it is far too many
        header.putInt(counts, 65536).putShort(counts + 4, (short) 65535).putShort(counts + 6, (short) 65535);
        header.putShort(counts + 8, (short) 65535);
        MalformedEventException error =
                assertThrows(MalformedEventException.class, () -> ImageBatchCodec.decode(encoded));
        assertTrue(error.getMessage().contains("needs"), error.getMessage());
    }

    @Test
    void foreignBytesAreRefused() {
        MalformedEventException error =
                assertThrows(MalformedEventException.class, () -> ImageBatchCodec.decode("{\"hello\":1}".getBytes()));
        assertTrue(error.getMessage().contains("magic"), error.getMessage());
    }
}
