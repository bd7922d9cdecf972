package io.ganflow.gateway.datasets;

import io.ganflow.gateway.claims.NameClaims;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Which upload holds a data set name: of two uploads of one name at once, exactly one wins. */
@Singleton
public class DatasetNameClaims extends NameClaims {

    public static final String TOPIC = "dataset-name-claims";

    public DatasetNameClaims(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        super(bootstrapServers, TOPIC, "data set name");
    }
}
