package io.ganflow.gateway.kafka;

import io.ganflow.events.AliasMove;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.RunStatus;
import io.ganflow.events.StudyState;
import io.ganflow.gateway.claims.NameClaims;
import io.ganflow.gateway.datasets.DatasetNameClaims;
import io.ganflow.gateway.models.ModelAliasClaims;
import io.ganflow.gateway.runs.RunIdClaims;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes sure the run-status topic is compacted (the latest status per run is kept forever), whether the gateway
 * creates it or a client's auto-creation got there first, creates the batch topic with as many partitions as
 * trainers may share the runs (each run's batches stay on one partition, so one trainer trains it), the compacted
 * log of model alias moves, and the logs of claims (data set names, alias moves), which forget a claim after a day.
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
            for (String claims : List.of(DatasetNameClaims.TOPIC, ModelAliasClaims.TOPIC, RunIdClaims.TOPIC)) {
                if (!existing.contains(claims)) {
                    admin.createTopics(List.of(new NewTopic(claims, 1, (short) 1)
                                    .configs(Map.of(
                                            TopicConfig.RETENTION_MS_CONFIG,
                                            String.valueOf(NameClaims.RETENTION.toMillis())))))
                            .all()
                            .get();
                }
            }
            for (String compacted : List.of(RunStatus.TOPIC, AliasMove.TOPIC, StudyState.TOPIC)) {
                compacted(admin, existing, compacted);
            }
        } catch (Exception e) {
            // not fatal: the topic still works, only without compaction
            LOG.warnf("could not set up topics %s and %s: %s", RunStatus.TOPIC, ImageBatch.TOPIC, e.getMessage());
        }
    }

    /** Creates {@code topic} compacted (the latest record of each key kept for good), or makes it so. */
    private static void compacted(Admin admin, Set<String> existing, String topic) throws Exception {
        if (!existing.contains(topic)) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                                .configs(
                                        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all()
                        .get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                // a consumer's auto-creation got there first (a sampler reading alias moves, say): made compacted below
            }
        }
        ConfigResource config = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(
                        config,
                        List.of(new AlterConfigOp(
                                new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                                AlterConfigOp.OpType.SET))))
                .all()
                .get();
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
