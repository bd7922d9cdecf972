package io.ganflow.trainer.feed;

import java.util.Collection;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * Who the {@link BatchFeed} tells which partitions of the batch topic this trainer reads, and asks how far it may
 * commit. All calls come from the feed's one thread.
 */
public interface PartitionOwner {

    /** Partitions this trainer now reads; {@code partitionCount} is the topic's. */
    void assigned(Collection<TopicPartition> partitions, int partitionCount);

    /** Partitions another trainer reads from now on (after the feed committed what it could). */
    void revoked(Collection<TopicPartition> partitions);

    /** The first offset of {@code partition} that was trained but no checkpoint holds yet: commits stop there. */
    OptionalLong heldFrom(TopicPartition partition);
}
