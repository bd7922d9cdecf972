package io.ganflow.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ganflow.events.fuzz.RandomInputs;
import io.ganflow.events.kafka.EventDeserializer;
import io.ganflow.events.kafka.RunStatusDeserializer;
import io.ganflow.events.kafka.SyntheticDatasetRequestDeserializer;
import io.ganflow.events.kafka.SyntheticDatasetScoreDeserializer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoders of outside data, fed thousands of random and mutated inputs: each either reads a valid value or
 * throws {@link MalformedEventException}; nothing else ever escapes (no IndexOutOfBounds, no NegativeArraySize, no
 * OutOfMemory from a size a header claims).
 */
class DecoderPropertiesTest {

    @Test
    void aBatchDecodesWholeOrIsRefusedAsMalformed() {
        byte[] valid =
                ImageBatchCodec.encode(new ImageBatch("run-1", 2, 3, 10, 1, 4, 4, new int[] {1, 9}, new byte[2 * 16]));
        RandomInputs.check(1, 5000, List.of(valid), bytes -> {
            try {
                ImageBatch batch = ImageBatchCodec.decode(bytes);
                assertEquals(batch.size() * batch.channels() * batch.height() * batch.width(), batch.pixels().length);
            } catch (MalformedEventException refused) {
                // the one declared way to fail
            }
        });
    }

    @Test
    void anEventDecodesOrIsRefusedAsMalformed() {
        List<byte[]> valid = new ArrayList<>(RandomInputs.jsonTokenSoup(2, 50));
        valid.add(Json.writeBytes(RunStatus.pending(RunSpec.defaults("run-1"))));
        valid.add(Json.writeBytes(new SyntheticDatasetRequest(1, "req-1", "run-1", 5L, List.of(1, 2), "idx", 3, true)));
        valid.add(Json.writeBytes(new SyntheticDatasetScore(
                1,
                "req-1",
                SyntheticDatasetScore.State.DONE,
                "run-1",
                5,
                "fashion-mnist",
                3,
                3,
                10,
                0.5,
                List.of(0.4, 0.6),
                0.9,
                List.of(0.8, 1.0),
                "scored",
                1)));
        List<EventDeserializer<?>> deserializers = List.of(
                new RunStatusDeserializer(),
                new SyntheticDatasetRequestDeserializer(),
                new SyntheticDatasetScoreDeserializer());
        RandomInputs.check(3, 5000, valid, bytes -> {
            for (EventDeserializer<?> deserializer : deserializers) {
                try {
                    deserializer.deserialize("topic", bytes);
                } catch (MalformedEventException refused) {
                    // the one declared way to fail
                }
            }
        });
    }
}
