package io.ganflow.gateway.models;

import io.ganflow.gateway.claims.NameClaims;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which request makes an alias' next move, or a model's next version: each is a name claimed once ("clothes.production.4",
 * "clothes.v7"), so of two at once exactly one wins, whichever gateway replica each reaches.
 */
@Singleton
public class ModelAliasClaims extends NameClaims {

    public static final String TOPIC = "model-alias-claims";

    public ModelAliasClaims(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        super(bootstrapServers, TOPIC, "model move");
    }
}
