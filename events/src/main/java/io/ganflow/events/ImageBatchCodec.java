package io.ganflow.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Binary wire format of an {@link ImageBatch}, big-endian:
 * <pre>
 * magic "GFB" + version byte 1 | runId length (u16) + UTF-8 | epoch, index, batchesInEpoch, count (i32 each)
 * | channels, height, width (u16 each) | count labels (u8 each) | count * channels * height * width pixel bytes
 * </pre>
 */
public final class ImageBatchCodec {

    private static final byte[] MAGIC = {'G', 'F', 'B'};
    private static final byte VERSION = 1;

    private ImageBatchCodec() {}

    public static byte[] encode(ImageBatch batch) {
        byte[] runId = batch.runId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(4 + 2 + runId.length + 16 + 6 + batch.size() + batch.pixels().length);
        out.put(MAGIC).put(VERSION);
        out.putShort((short) runId.length).put(runId);
        out.putInt(batch.epoch())
                .putInt(batch.index())
                .putInt(batch.batchesInEpoch())
                .putInt(batch.size());
        out.putShort((short) batch.channels()).putShort((short) batch.height()).putShort((short) batch.width());
        for (int label : batch.labels()) {
            if (label < 0 || label > 255) {
                throw new IllegalArgumentException("label " + label + " does not fit the wire format (0-255)");
            }
            out.put((byte) label);
        }
        out.put(batch.pixels());
        return out.array();
    }

    public static ImageBatch decode(byte[] bytes) {
        if (bytes == null || bytes.length < 4 || bytes[0] != MAGIC[0] || bytes[1] != MAGIC[1] || bytes[2] != MAGIC[2]) {
            throw new MalformedEventException("not an image batch: missing magic 'GFB'");
        }
        if (bytes[3] != VERSION) {
            throw new MalformedEventException(
                    "image batch version " + bytes[3] + " is not supported (expected " + VERSION + ")");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 4, bytes.length - 4);
            byte[] runId = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(runId);
            int epoch = in.getInt();
            int index = in.getInt();
            int batchesInEpoch = in.getInt();
            int count = in.getInt();
            int channels = Short.toUnsignedInt(in.getShort());
            int height = Short.toUnsignedInt(in.getShort());
            int width = Short.toUnsignedInt(in.getShort());
            // in longs: a hostile header's product overflows an int and could wrap round to the bytes that follow
            long pixelCount = (long) count * channels * height * width;
            if (count < 1 || in.remaining() != count + pixelCount) {
                throw new MalformedEventException(
                        "image batch of " + count + " images of " + channels + "x" + height + "x" + width + " needs "
                                + (count + pixelCount) + " bytes after its header, has " + in.remaining());
            }
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = Byte.toUnsignedInt(in.get());
            }
            byte[] pixels = new byte[(int) pixelCount];
            in.get(pixels);
            return new ImageBatch(
                    new String(runId, StandardCharsets.UTF_8),
                    epoch,
                    index,
                    batchesInEpoch,
                    channels,
                    height,
                    width,
                    labels,
                    pixels);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new MalformedEventException("truncated or inconsistent image batch: " + e.getMessage());
        }
    }
}
