package io.ganflow.trainer.training;

import io.ganflow.trainer.config.TrainerConfig;
import io.ganflow.trainer.runs.RunSession;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.jboss.logging.Logger;

/**
 * Notices when no batch came for a while although runs need batches (their requests or the answers were lost) and
 * asks for them again, waiting twice as long before each next time, up to ten minutes, until a batch comes.
 */
@ApplicationScoped
public class StallWatch {

    private static final Logger LOG = Logger.getLogger(StallWatch.class);
    static final long LONGEST_WAIT_MILLIS = 600_000;

    private final TrainerConfig config;
    private final BatchRequests requests;
    private long lastRecordMillis = System.currentTimeMillis();
    private long waitMillis;

    public StallWatch(TrainerConfig config, BatchRequests requests) {
        this.config = config;
        this.requests = requests;
        this.waitMillis = config.stallMillis();
    }

    /** A record of the batch topic came. */
    public void recordCame() {
        lastRecordMillis = System.currentTimeMillis();
        waitMillis = config.stallMillis();
    }

    /** Asks again for the batches of every session that trains, when the wait since the last record is over. */
    public void askAgainIfStalled(Collection<RunSession> sessions) {
        long now = System.currentTimeMillis();
        if (sessions.isEmpty() || now - lastRecordMillis < waitMillis) {
            return;
        }
        for (RunSession session : sessions) {
            if (!session.trains()) {
                continue;
            }
            LOG.infof(
                    "run=%s no batches for %d s: asking again from epoch %d batch %d",
                    session.spec().runId(),
                    (now - lastRecordMillis) / 1000,
                    session.state().epoch(),
                    session.state().nextBatchIndex());
            requests.fromWhereItStands(session);
        }
        lastRecordMillis = now;
        waitMillis = Math.min(2 * waitMillis, LONGEST_WAIT_MILLIS);
    }
}
