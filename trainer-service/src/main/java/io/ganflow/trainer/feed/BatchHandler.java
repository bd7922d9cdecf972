package io.ganflow.trainer.feed;

import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What the {@link BatchFeed} hands its records to; the feed knows nothing else of training. All calls come from the
 * feed's one thread.
 */
public interface BatchHandler {

    /**
     * One record of the batch topic. Throws only for a fault that is not of any run's own (the store or the broker is
     * away): the feed then waits and reads again from the committed offsets.
     */
    void handle(ConsumerRecord<String, byte[]> record);

    /** After every poll, with or without records: time for work that no record brings. */
    void idle();

    /**
     * {@code partitions} go to another trainer (a rebalance, or this one stops): the chance to checkpoint what their
     * runs trained, trying until {@code deadlineMillis}, so the next trainer loses no step. The feed commits after it.
     */
    void handingOver(Collection<TopicPartition> partitions, long deadlineMillis);
}
