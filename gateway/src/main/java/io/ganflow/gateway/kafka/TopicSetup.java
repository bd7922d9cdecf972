package io.ganflow.gateway.kafka;

import io.ganflow.events.ImageBatch;
import io.ganflow.events.RunStatus;
import io.ganflow.gateway.datasets.DatasetNameClaims;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes sure the run-status topic is compacted (the latest status per run is kept forever), whether the gateway
 * creates it or a client's auto-creation got there first, creates the batch topic with as many partitions as
 * trainers may share the runs (each run's batches stay on one partition, so one trainer trains it), and the log of
 * data set name claims, which forgets a claim after a day.
 */
@ApplicationScoped
public class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private final String bootstrapServers;
    private final int batchPartitions;

    public TopicSetup(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "ganflow.kafka.batch-partitions") int batchPartitions) {
        this.bootstrapServers = bootstrapServers;
        this.batchPartitions = batchPartitions;
    }

    void onStart(@Observes StartupEvent event) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing = admin.listTopics().names().get();
            if (!existing.contains(ImageBatch.TOPIC)) {
                admin.createTopics(
                                List.of(new NewTopic(ImageBatch.TOPIC, Optional.of(batchPartitions), Optional.empty())))
                        .all()
                        .get();
            } else {
                raisePartitions(admin, ImageBatch.TOPIC, batchPartitions);
            }
            if (!existing.contains(DatasetNameClaims.TOPIC)) {
                admin.createTopics(List.of(new NewTopic(DatasetNameClaims.TOPIC, 1, (short) 1)
                                .configs(Map.of(
                                        TopicConfig.RETENTION_MS_CONFIG,
                                        String.valueOf(DatasetNameClaims.RETENTION.toMillis())))))
                        .all()
                        .get();
            }
            if (!existing.contains(RunStatus.TOPIC)) {
                admin.createTopics(List.of(new NewTopic(RunStatus.TOPIC, 1, (short) 1)
                                .configs(
                                        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all()
                        .get();
            } else {
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, RunStatus.TOPIC);
                admin.incrementalAlterConfigs(Map.of(
                                topic,
                                List.of(new AlterConfigOp(
                                        new ConfigEntry(
                                                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                                        AlterConfigOp.OpType.SET))))
                        .all()
                        .get();
            }
        } catch (Exception e) {
            // not fatal: the topic still works, only without compaction
            LOG.warnf("could not set up topics %s and %s: %s", RunStatus.TOPIC, ImageBatch.TOPIC, e.getMessage());
        }
    }

    /**
     * Raises {@code topic} to {@code partitions} when it has fewer (the setting was raised); Kafka cannot take
     * partitions away, so more is left as it is, with a warning.
     */
    static void raisePartitions(Admin admin, String topic, int partitions) throws Exception {
        int current = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .size();
        if (current < partitions) {
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions)))
                    .all()
                    .get();
            LOG.infof("topic %s raised from %d to %d partitions", topic, current, partitions);
        } else if (current > partitions) {
            LOG.warnf(
                    "topic %s has %d partitions, more than ganflow.kafka.batch-partitions (%d): Kafka cannot lower it",
                    topic, current, partitions);
        }
    }
}
