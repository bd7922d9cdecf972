package io.ganflow.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Records a consumer cannot use, for the poison-message tests: the kinds of damage a careless or hostile producer
 * does to an event's JSON, made from one valid event of the type. Each is sent under a key of its own, so that a
 * test finds each on the dead-letter topic with the reason it was parked.
 */
public final class PoisonRecords {

    /** Larger than any event and than a producer's default request size, but within what the broker takes. */
    public static final int OVERSIZED_BYTES = 2 * 1024 * 1024;

    private PoisonRecords() {}

    /** Kind of damage -> the record's bytes. {@code validJson} is a valid event whose first field is its version. */
    public static Map<String, byte[]> of(String validJson) {
        if (!validJson.startsWith("{\"version\":")) {
            throw new IllegalArgumentException("expected an event whose first field is its version: " + validJson);
        }
        Map<String, byte[]> poison = new LinkedHashMap<>();
        poison.put("malformed-json", bytes(validJson.substring(0, validJson.length() / 2)));
        poison.put("not-an-object", bytes("[1,2,3]"));
        poison.put("missing-fields", bytes("{\"version\":1}"));
        poison.put("wrong-types", bytes(validJson.replaceFirst("\"version\":\\d+", "\"version\":{\"major\":1}")));
        poison.put("unknown-version", bytes(validJson.replaceFirst("\"version\":\\d+", "\"version\":99")));
        poison.put("empty", new byte[0]);
        poison.put(
                "oversized", bytes("{\"padding\":\"" + "x".repeat(OVERSIZED_BYTES) + "\"," + validJson.substring(1)));
        return poison;
    }

    /** Sends each poison record to {@code topic} under key {@code keyPrefix + kind}; returns the keys by kind. */
    public static Map<String, String> send(String topic, String keyPrefix, Map<String, byte[]> poison) {
        Map<String, String> keys = new LinkedHashMap<>();
        poison.forEach((kind, value) -> {
            String key = keyPrefix + kind;
            KafkaTestClient.send(topic, key, value);
            keys.put(kind, key);
        });
        return keys;
    }

    /**
     * The reason each key's record was parked with on {@code deadLetterTopic} (header {@code dead-letter-reason}),
     * waiting until all are there or {@code timeout} passes; keys never parked are missing from the answer.
     */
    private static Map<String, String> parkedReasons(String deadLetterTopic, List<String> keys, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> parked =
                KafkaTestClient.await(deadLetterTopic, r -> keys.contains(r.key()), keys.size(), timeout);
        return parked.stream()
                .collect(Collectors.toMap(ConsumerRecord::key, r -> header(r, "dead-letter-reason"), (a, b) -> a));
    }

    /** The last value of header {@code name}, or "" when the record has none. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The reason each record of {@code keysByKind} (kind to key) was parked with, by kind, waiting until all are
     * there; throws an AssertionError naming the kinds that were not parked, or were parked without a reason.
     */
    public static Map<String, String> awaitParked(
            String deadLetterTopic, Map<String, String> keysByKind, Duration timeout) {
        Map<String, String> byKey = parkedReasons(deadLetterTopic, new ArrayList<>(keysByKind.values()), timeout);
        Map<String, String> byKind = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        keysByKind.forEach((kind, key) -> {
            String reason = byKey.getOrDefault(key, "");
            if (reason.isBlank()) {
                missing.add(kind);
            }
            byKind.put(kind, reason);
        });
        if (!missing.isEmpty()) {
            throw new AssertionError(
                    "not parked with a reason on " + deadLetterTopic + ": " + missing + "; parked: " + byKind);
        }
        return byKind;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
