package io.ganflow.trainer.training;

import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.RunSpec;
import io.ganflow.events.RunStatus;
import io.ganflow.events.TrainingMetrics;
import io.ganflow.events.TrainingState;
import io.ganflow.models.training.GanTraining;
import io.ganflow.store.ObjectStoreException;
import io.ganflow.store.RunSpecStore;
import io.ganflow.trainer.config.TrainerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The one thread that trains. It reads the batch topic itself, one record at a time, so that training never runs
 * inside a messaging handler and the Kafka position it commits is exactly what its checkpoints cover: offsets are
 * committed only up to the first batch that no checkpoint holds yet. After a crash or a rebalance, a run continues
 * from its latest checkpoint; batches it already trained are skipped, and a missing one makes it ask for its window
 * again, so no batch is trained twice or skipped. Batches are asked for window by window ({@link BatchWindows}), so
 * the runs on one trainer take turns; when partitions are assigned, the trainer takes up the unfinished runs whose
 * batches they carry, so a run goes on even when none of its batches are left in the topic.
 */
@ApplicationScoped
public class TrainingLoop {

    private static final Logger LOG = Logger.getLogger(TrainingLoop.class);

    private final TrainerConfig config;
    private final String bootstrapServers;
    private final RunSpecStore specs;
    private final Checkpoints checkpoints;
    private final TrainingEvents events;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Map<String, RunSession> sessions = new HashMap<>();
    /** Runs whose batches this trainer skips: completed, or unknown to its object store. */
    private final Set<String> ignoredRuns = new HashSet<>();
    /** Runs users stopped, handed from the command handler's thread to the training thread. */
    private final Queue<String> stopRequests = new ConcurrentLinkedQueue<>();

    private final OffsetLedger ledger = new OffsetLedger();
    private final BatchWindows windows;
    private long lastRecordMillis = System.currentTimeMillis();
    private long stallMillis;
    private volatile Thread thread;
    private volatile long lastPollMillis;

    public TrainingLoop(
            TrainerConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            RunSpecStore specs,
            Checkpoints checkpoints,
            TrainingEvents events) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.specs = specs;
        this.checkpoints = checkpoints;
        this.events = events;
        this.windows = new BatchWindows(config.windowBatches());
        this.stallMillis = config.stallMillis();
    }

    void start(@Observes StartupEvent event) {
        running.set(true);
        thread = new Thread(this::run, "training-loop");
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running.set(false);
        if (thread != null) {
            thread.join(60_000);
        }
    }

    /** For the liveness check: the loop polled recently (a training step takes seconds, not minutes). */
    public boolean isAlive() {
        return thread != null && thread.isAlive() && System.currentTimeMillis() - lastPollMillis < 300_000;
    }

    /** Ends only on shutdown: one record, or one failed poll or commit, never ends it (the loop goes on). */
    private void run() {
        try (KafkaConsumer<String, byte[]> consumer = newConsumer()) {
            consumer.subscribe(List.of(ImageBatch.TOPIC), new Rebalance(consumer));
            long backoffMillis = 0;
            while (running.get()) {
                lastPollMillis = System.currentTimeMillis();
                try {
                    pollOnce(consumer);
                    backoffMillis = 0;
                } catch (RuntimeException e) {
                    // the store or the broker is away (or a fault not of any run's own): wait, read the same
                    // records again
                    backoffMillis = Math.min(30_000, Math.max(500, 2 * backoffMillis));
                    if (e instanceof ObjectStoreException || e instanceof KafkaException) {
                        LOG.warnf("training paused for %d ms: %s", backoffMillis, e.getMessage());
                    } else {
                        LOG.errorf(e, "training paused for %d ms: %s", backoffMillis, e.getMessage());
                    }
                    rewindToCommitted(consumer);
                    sleep(backoffMillis);
                }
            }
            commit(consumer);
        } catch (RuntimeException e) {
            LOG.errorf(e, "training loop stopped: %s", e.getMessage());
        } finally {
            sessions.values().forEach(RunSession::close);
            sessions.clear();
        }
    }

    private void pollOnce(KafkaConsumer<String, byte[]> consumer) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(config.pollMillis()));
        for (ConsumerRecord<String, byte[]> record : records) {
            handle(record);
            stopRequestedRuns();
            commit(consumer);
        }
        stopRequestedRuns();
        if (records.isEmpty()) {
            askAgainIfStalled();
        } else {
            lastRecordMillis = System.currentTimeMillis();
            stallMillis = config.stallMillis();
        }
    }

    /**
     * Reads every partition again from its committed offset, which no checkpoint has passed: batches the runs
     * already trained are skipped by their positions, so nothing is trained twice.
     */
    private void rewindToCommitted(KafkaConsumer<String, byte[]> consumer) {
        try {
            Set<TopicPartition> assigned = consumer.assignment();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
            for (TopicPartition partition : assigned) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset != null) {
                    consumer.seek(partition, offset);
                } else {
                    consumer.seekToBeginning(List.of(partition));
                }
            }
        } catch (KafkaException e) {
            LOG.debugf("cannot rewind yet: %s", e.getMessage());
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        ledger.seen(partition, record.offset());
        ImageBatch batch;
        try {
            batch = ImageBatchCodec.decode(record.value());
        } catch (MalformedEventException e) {
            park(record, e.getMessage());
            return;
        }
        Optional<RunSession> found = session(batch.runId(), partition, record);
        if (found.isEmpty()) {
            return;
        }
        RunSession session = found.get();
        TrainingState state = session.state();
        if (state.completed() || state.hasTrained(batch.epoch(), batch.index())) {
            return;
        }
        Optional<String> misfit = batch.misfit(session.spec());
        if (misfit.isPresent()) {
            fail(batch.runId(), partition, record, "its data does not fit it: " + misfit.get());
            return;
        }
        if (!session.isNext(batch)) {
            if (session.markReRequested()) {
                LOG.infof(
                        "run=%s missing batches before epoch %d batch %d: asking again from epoch %d batch %d",
                        batch.runId(), batch.epoch(), batch.index(), state.epoch(), state.nextBatchIndex());
                askForNextBatch(session);
            }
            return;
        }
        ledger.training(partition, batch.runId(), record.offset());
        try {
            train(session, batch, partition);
        } catch (ObjectStoreException e) {
            throw e; // not the run's fault: the loop waits for the store and reads the batch again
        } catch (RuntimeException e) {
            fail(batch.runId(), partition, record, "a training step failed: " + e);
        }
    }

    private void park(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf(
                "parking record %s-%d@%d on %s: %s",
                record.topic(), record.partition(), record.offset(), TrainingEvents.DEAD_LETTERS, reason);
        events.park(record, reason);
    }

    /**
     * A fault of the run's own (its data does not fit it, its step throws): the record is parked, the run is
     * announced FAILED with the reason and trained no more here, and the other runs go on.
     */
    private void fail(String runId, TopicPartition partition, ConsumerRecord<String, byte[]> record, String reason) {
        park(record, "run " + runId + " failed: " + reason);
        RunSession session = sessions.remove(runId);
        if (session != null) {
            session.close();
        }
        ignoredRuns.add(runId);
        ledger.checkpointed(partition, runId); // its batches no longer hold back the partition's committed offset
        events.status(RunStatus.failed(runId, reason));
        LOG.errorf("run=%s failed: %s", runId, reason);
    }

    private void train(RunSession session, ImageBatch batch, TopicPartition partition) {
        RunSpec spec = session.spec();
        if (session.state().step() == 0) {
            events.status(RunStatus.pending(spec).with(RunStatus.State.RUNNING, 0, 0, -1, "training"));
        }
        session.train(batch);
        TrainingState state = session.state();
        windows.nextAfter(spec, batch).ifPresent(events::requestEpoch);
        if (state.step() % spec.metricsEverySteps() == 0 || batch.isLastOfEpoch()) {
            report(session, batch.epoch());
        }
        if (state.step() % spec.checkpointEverySteps() == 0 || batch.isLastOfEpoch()) {
            if (specs.isStopped(spec.runId())) {
                requestStop(spec.runId()); // a stop this replica's listener missed; the store has it
                return;
            }
            checkpoint(session, partition);
        }
        if (state.completed()) {
            LOG.infof("run=%s completed: %d epochs, %d steps", spec.runId(), spec.epochs(), state.step());
            sessions.remove(spec.runId()).close();
            ignoredRuns.add(spec.runId());
        }
    }

    /** Asks the training thread to stop {@code runId} if it trains it; safe from any thread. */
    public void requestStop(String runId) {
        stopRequests.add(runId);
    }

    /** Stops the runs users asked to stop: a last checkpoint of what was trained, then a STOPPED status. */
    private void stopRequestedRuns() {
        for (String runId = stopRequests.poll(); runId != null; runId = stopRequests.poll()) {
            ignoredRuns.add(runId);
            RunSession session = sessions.remove(runId);
            if (session == null) {
                continue;
            }
            if (session.hasUncheckpointedSteps()) {
                checkpoint(session, session.partition());
            }
            // stopped for good: its batches no longer hold back the partition's committed offset
            ledger.checkpointed(session.partition(), runId);
            TrainingState state = session.state();
            events.status(RunStatus.pending(state.spec())
                    .with(RunStatus.State.STOPPED, state.epoch(), state.step(), state.step(), "stopped by a user"));
            LOG.infof("run=%s stopped at step %d", runId, state.step());
            session.close();
        }
    }

    private void askForNextBatch(RunSession session) {
        TrainingState state = session.state();
        events.requestEpoch(windows.holding(session.spec(), state.epoch(), state.nextBatchIndex()));
    }

    /** Nothing came for a while although runs need batches: their requests or the answers were lost. */
    private void askAgainIfStalled() {
        long now = System.currentTimeMillis();
        if (sessions.isEmpty() || now - lastRecordMillis < stallMillis) {
            return;
        }
        for (RunSession session : sessions.values()) {
            LOG.infof(
                    "run=%s no batches for %d s: asking again from epoch %d batch %d",
                    session.spec().runId(),
                    (now - lastRecordMillis) / 1000,
                    session.state().epoch(),
                    session.state().nextBatchIndex());
            askForNextBatch(session);
        }
        lastRecordMillis = now;
        stallMillis = Math.min(2 * stallMillis, 600_000);
    }

    /**
     * Takes up the unfinished runs whose batches go to {@code assigned}: after a restart or a rebalance their
     * batches may all be trained or gone, so each asks for the window it needs next. Only runs with a checkpoint:
     * a run without one has its batches still in the topic (offsets are committed only behind checkpoints) or its
     * first request still waiting, and a run whose data could not be read at all (FAILED) is not taken up again.
     */
    private void adopt(Collection<TopicPartition> assigned, int partitionCount) {
        for (String runId : checkpoints.runIds()) {
            TopicPartition partition = new TopicPartition(ImageBatch.TOPIC, partitionOf(runId, partitionCount));
            if (!assigned.contains(partition) || sessions.containsKey(runId) || ignoredRuns.contains(runId)) {
                continue;
            }
            Optional<TrainingState> latest = checkpoints.latestState(runId);
            if (latest.isEmpty()) {
                continue;
            }
            if (latest.get().completed()) {
                ignoredRuns.add(runId);
                continue;
            }
            session(runId, partition).ifPresent(session -> {
                LOG.infof("run=%s taken up on %s", runId, partition);
                askForNextBatch(session);
            });
        }
    }

    /** The partition Kafka's default partitioner puts a run's batches on (they are keyed by run id). */
    static int partitionOf(String runId, int partitionCount) {
        return Utils.toPositive(Utils.murmur2(runId.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    private void report(RunSession session, int epoch) {
        if (session.window().isEmpty()) {
            return;
        }
        MetricsWindow.Averages m = session.window().drain();
        long step = session.state().step();
        String runId = session.spec().runId();
        LOG.infof(
                "run=%s epoch=%d step=%d img/s=%.1f loss_D=%.4f loss_G=%.4f D(x)=%.4f D(G(z))=%.4f",
                runId, epoch, step, m.imagesPerSecond(), m.lossD(), m.lossG(), m.dReal(), m.dFake());
        events.metrics(new TrainingMetrics(
                TrainingMetrics.VERSION,
                runId,
                epoch,
                step,
                m.lossD(),
                m.lossG(),
                m.dReal(),
                m.dFake(),
                m.imagesPerSecond(),
                System.currentTimeMillis()));
    }

    private void checkpoint(RunSession session, TopicPartition partition) {
        TrainingState state = session.state();
        Optional<CheckpointEvent> written = checkpoints.write(session.training(), state, running::get);
        if (written.isEmpty()) {
            return;
        }
        ledger.checkpointed(partition, state.spec().runId());
        session.checkpointed();
        events.checkpoint(written.get());
        RunStatus.State runState = state.completed() ? RunStatus.State.COMPLETED : RunStatus.State.RUNNING;
        events.status(RunStatus.pending(state.spec())
                .with(
                        runState,
                        state.epoch(),
                        state.step(),
                        state.step(),
                        state.completed() ? "completed" : "training"));
        LOG.infof(
                "run=%s checkpoint at step %d: %s",
                state.spec().runId(), state.step(), written.get().manifestKey());
    }

    /**
     * The run's session for {@code record}: open, resumed from its latest checkpoint, or new. Empty for a run this
     * trainer cannot find, or whose networks cannot be built (then the run fails).
     */
    private Optional<RunSession> session(
            String runId, TopicPartition partition, ConsumerRecord<String, byte[]> record) {
        try {
            return session(runId, partition);
        } catch (ObjectStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            fail(runId, partition, record, "it cannot be set up: " + e);
            return Optional.empty();
        }
    }

    /** The run's session: open, resumed from its latest checkpoint, or new. Empty for a run this trainer cannot find. */
    private Optional<RunSession> session(String runId, TopicPartition partition) {
        RunSession open = sessions.get(runId);
        if (open != null || ignoredRuns.contains(runId)) {
            return Optional.ofNullable(open);
        }
        if (specs.isStopped(runId)) {
            LOG.infof("run=%s was stopped; skipping its batches", runId);
            ignoredRuns.add(runId);
            return Optional.empty();
        }
        Optional<RunSpec> spec = specs.load(runId);
        if (spec.isEmpty()) {
            LOG.infof("run=%s has no spec in this trainer's object store; skipping its batches", runId);
            ignoredRuns.add(runId);
            return Optional.empty();
        }
        RunSession session = checkpoints
                .latest(spec.get())
                .map(resumed -> {
                    LOG.infof(
                            "run=%s resuming from checkpoint at step %d (epoch %d, batch %d)",
                            runId,
                            resumed.state().step(),
                            resumed.state().epoch(),
                            resumed.state().nextBatchIndex());
                    return new RunSession(resumed.training(), resumed.state(), partition);
                })
                .orElseGet(() ->
                        new RunSession(GanTraining.start(spec.get()), TrainingState.start(spec.get()), partition));
        if (session.state().completed()) {
            session.close();
            ignoredRuns.add(runId);
            return Optional.empty();
        }
        sessions.put(runId, session);
        ledger.owns(partition, runId);
        return Optional.of(session);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void commit(KafkaConsumer<String, byte[]> consumer) {
        Map<TopicPartition, OffsetAndMetadata> offsets = ledger.committable();
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.group());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        // a trainer that dies hands its runs over after this long (Kafka's default is 45 s)
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(config.sessionTimeoutMillis()));
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** When partitions move to another trainer, their runs go with them: that trainer resumes from checkpoints. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> consumer;

        Rebalance(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commit(consumer);
            for (TopicPartition partition : partitions) {
                for (String runId : ledger.release(partition)) {
                    RunSession session = sessions.remove(runId);
                    if (session != null) {
                        session.close();
                    }
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.infof("training batches of partitions %s", partitions);
            if (!partitions.isEmpty()) {
                adopt(partitions, consumer.partitionsFor(ImageBatch.TOPIC).size());
            }
        }
    }
}
