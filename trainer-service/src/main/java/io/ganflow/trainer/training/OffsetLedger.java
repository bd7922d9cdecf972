package io.ganflow.trainer.training;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which batch-topic offsets are safe to commit. A partition carries several runs; its committed offset must not
 * pass the first batch that any of them trained after its latest checkpoint, or a crash would lose that batch.
 */
final class OffsetLedger {

    private final Map<TopicPartition, Long> nextOffset = new HashMap<>();
    private final Map<TopicPartition, Map<String, Long>> uncheckpointed = new HashMap<>();
    private final Map<TopicPartition, Set<String>> runs = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    void seen(TopicPartition partition, long offset) {
        nextOffset.put(partition, offset + 1);
    }

    void owns(TopicPartition partition, String runId) {
        runs.computeIfAbsent(partition, p -> new HashSet<>()).add(runId);
    }

    /** A run trains the batch at {@code offset}; the first such batch since its checkpoint pins the commit. */
    void training(TopicPartition partition, String runId, long offset) {
        uncheckpointed.computeIfAbsent(partition, p -> new HashMap<>()).putIfAbsent(runId, offset);
    }

    void checkpointed(TopicPartition partition, String runId) {
        Map<String, Long> pending = uncheckpointed.get(partition);
        if (pending != null) {
            pending.remove(runId);
        }
    }

    /** Offsets that moved since the last call and are covered by checkpoints. */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> entry : nextOffset.entrySet()) {
            TopicPartition partition = entry.getKey();
            long safe = uncheckpointed.getOrDefault(partition, Map.of()).values().stream()
                    .min(Long::compare)
                    .orElse(entry.getValue());
            if (!Long.valueOf(safe).equals(committed.get(partition))) {
                offsets.put(partition, new OffsetAndMetadata(safe));
                committed.put(partition, safe);
            }
        }
        return offsets;
    }

    /** Forgets a partition that moved to another trainer; returns the runs that went with it. */
    Set<String> release(TopicPartition partition) {
        nextOffset.remove(partition);
        uncheckpointed.remove(partition);
        committed.remove(partition);
        Set<String> released = runs.remove(partition);
        return released == null ? Set.of() : released;
    }
}
