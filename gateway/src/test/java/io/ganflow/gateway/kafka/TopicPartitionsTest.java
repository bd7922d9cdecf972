package io.ganflow.gateway.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ganflow.testing.LocalInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** Against the real broker: raising the batch partition setting raises an existing topic; lowering it cannot. */
class TopicPartitionsTest {

    @Test
    void aRaisedSettingRaisesTheTopicAndALoweredOneLeavesIt() throws Exception {
        String topic = LocalInfrastructure.unique("partitions");
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(2), Optional.empty())))
                    .all()
                    .get();

            TopicSetup.raisePartitions(admin, topic, 5);
            assertEquals(5, partitions(admin, topic));

            TopicSetup.raisePartitions(admin, topic, 3);
            assertEquals(5, partitions(admin, topic), "Kafka cannot take partitions away");

            admin.deleteTopics(List.of(topic)).all().get();
        }
    }

    private static int partitions(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .size();
    }
}
