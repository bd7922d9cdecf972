package io.ganflow.dataset.publishing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.dataset.idx.DatasetFormatException;
import io.ganflow.events.MalformedEventException;
import io.ganflow.store.ObjectStoreException;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** Which faults fail a run for good, and which are waited out: a store or broker outage must never fail a run. */
class EpochPublisherFaultsTest {

    @Test
    void anUnknownOrUnreadableDataSetFailsItsRun() {
        assertTrue(EpochPublisher.isRunsOwnFault(new MalformedEventException("run asks for unknown data set x")));
        assertTrue(EpochPublisher.isRunsOwnFault(new DatasetFormatException("bad IDX header")));
    }

    @Test
    void anUnreachableStoreOrBrokerIsWaitedOut() {
        assertFalse(EpochPublisher.isRunsOwnFault(new ObjectStoreException("object store: cannot get", null)));
        assertFalse(EpochPublisher.isRunsOwnFault(new CompletionException(new TimeoutException("no broker"))));
    }
}
