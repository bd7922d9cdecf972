package io.ganflow.gateway.runs;

import io.ganflow.gateway.claims.NameClaims;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which start of a run id goes ahead: two starts of one id at once (a client's retry, two gateway replicas starting a
 * study's trial) claim the id, and exactly one starts the run.
 */
@Singleton
public class RunIdClaims extends NameClaims {

    public static final String TOPIC = "run-id-claims";

    public RunIdClaims(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        super(bootstrapServers, TOPIC, "run id");
    }
}
