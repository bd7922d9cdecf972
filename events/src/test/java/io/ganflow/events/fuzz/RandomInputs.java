package io.ganflow.events.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Inputs for property tests of the decoders that read outside data: random bytes, and valid inputs mutated the ways
 * transport and hostile writers mutate them (bytes overwritten, cut short, grown, a stretch repeated, a length field
 * made huge). Seeded, so a failure names the seed and the input that caused it and can be replayed.
 */
public final class RandomInputs {

    private RandomInputs() {}

    /**
     * Calls {@code property} with {@code tries} inputs drawn from {@code seed}: about a third random bytes, the rest
     * mutations of one of {@code valid}. Rethrows what the property throws, naming the try and the input.
     */
    public static void check(long seed, int tries, List<byte[]> valid, Consumer<byte[]> property) {
        Random random = new Random(seed);
        for (int attempt = 0; attempt < tries; attempt++) {
            byte[] input = random.nextInt(3) == 0
                    ? randomBytes(random, 1 + random.nextInt(300))
                    : mutate(random, valid.get(random.nextInt(valid.size())));
            try {
                property.accept(input);
            } catch (RuntimeException | Error e) {
                throw new AssertionError(
                        "seed " + seed + ", try " + attempt + ": " + e + " for input " + describe(input), e);
            }
        }
    }

    /** JSON-looking texts made of the tokens events have, in random order and nesting. */
    public static List<byte[]> jsonTokenSoup(long seed, int count) {
        String[] tokens = {
            "{",
            "}",
            "[",
            "]",
            ":",
            ",",
            "\"version\"",
            "\"runId\"",
            "\"state\"",
            "\"requestId\"",
            "\"counts\"",
            "\"step\"",
            "1",
            "-1",
            "99",
            "1e400",
            "null",
            "true",
            "\"run-1\"",
            "\"PENDING\"",
            "\"../x\"",
            "\"\\u0000\"",
            "9223372036854775808",
            "\"\\ud800\""
        };
        Random random = new Random(seed);
        List<byte[]> soup = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                text.append(tokens[random.nextInt(tokens.length)]);
            }
            soup.add(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        return soup;
    }

    static byte[] mutate(Random random, byte[] valid) {
        byte[] copy = valid.clone();
        switch (random.nextInt(6)) {
            case 0 -> {
                for (int n = 1 + random.nextInt(4); n > 0 && copy.length > 0; n--) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
                return copy;
            }
            case 1 -> {
                return Arrays.copyOf(copy, random.nextInt(Math.max(1, copy.length)));
            }
            case 2 -> {
                byte[] grown = Arrays.copyOf(copy, copy.length + 1 + random.nextInt(64));
                for (int i = copy.length; i < grown.length; i++) {
                    grown[i] = (byte) random.nextInt(256);
                }
                return grown;
            }
            case 3 -> {
                // four bytes at a random place set to a huge or negative int: a length field that lies
                if (copy.length >= 4) {
                    int at = random.nextInt(copy.length - 3);
                    int value = random.nextBoolean() ? Integer.MAX_VALUE - random.nextInt(16) : -1 - random.nextInt(16);
                    copy[at] = (byte) (value >>> 24);
                    copy[at + 1] = (byte) (value >>> 16);
                    copy[at + 2] = (byte) (value >>> 8);
                    copy[at + 3] = (byte) value;
                }
                return copy;
            }
            case 4 -> {
                // a stretch repeated in place: entries and chunks duplicated
                if (copy.length < 2) {
                    return copy;
                }
                int from = random.nextInt(copy.length - 1);
                int length = 1 + random.nextInt(Math.min(64, copy.length - from));
                byte[] repeated = new byte[copy.length + length];
                System.arraycopy(copy, 0, repeated, 0, from + length);
                System.arraycopy(copy, from, repeated, from + length, copy.length - from);
                return repeated;
            }
            default -> {
                // a bit flipped
                if (copy.length > 0) {
                    int at = random.nextInt(copy.length);
                    copy[at] ^= (byte) (1 << random.nextInt(8));
                }
                return copy;
            }
        }
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String describe(byte[] input) {
        byte[] head = Arrays.copyOf(input, Math.min(input.length, 64));
        return input.length + " bytes starting " + java.util.HexFormat.of().formatHex(head);
    }
}
