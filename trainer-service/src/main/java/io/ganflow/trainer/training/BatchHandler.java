package io.ganflow.trainer.training;

import java.util.Collection;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What the {@link BatchFeed} hands its records and its partitions' comings and goings to; the feed knows nothing else
 * of the trainer. All calls come from the feed's one thread.
 */
interface BatchHandler {

    /**
     * One record of the batch topic. Throws only for a fault that is not of any run's own (the store or the broker is
     * away): the feed then waits and reads again from the committed offsets.
     */
    void handle(ConsumerRecord<String, byte[]> record);

    /** After every poll, with or without records: time for work that no record brings. */
    void idle();

    /** Partitions this trainer now reads; {@code partitionCount} is the topic's. */
    void assigned(Collection<TopicPartition> partitions, int partitionCount);

    /**
     * {@code partitions} go to another trainer (a rebalance, or this one stops): the chance to checkpoint what their
     * runs trained, trying until {@code deadlineMillis}, so the next trainer loses no step. The feed commits after it.
     */
    void handingOver(Collection<TopicPartition> partitions, long deadlineMillis);

    /** Partitions another trainer reads from now on (after the feed committed what it could). */
    void revoked(Collection<TopicPartition> partitions);

    /** The first offset of {@code partition} that the handler trained but no checkpoint holds yet: commits stop there. */
    OptionalLong heldFrom(TopicPartition partition);
}
