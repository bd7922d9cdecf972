package io.ganflow.gateway.security;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** The API keys, from the environment: GAN_OPERATOR_KEYS and GAN_READER_KEYS, each a comma-separated list. */
@ConfigMapping(prefix = "ganflow.auth")
public interface ApiKeyConfig {

    Optional<List<String>> operatorKeys();

    Optional<List<String>> readerKeys();
}
