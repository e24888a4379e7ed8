package dev.genesis.coordinator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where Redis is, under {@code genesis.redis} (shared naming across services). */
@ConfigMapping(prefix = "genesis.redis")
public interface RedisConfig {

    /** Redis address, e.g. {@code redis://127.0.0.1:6379}. */
    @WithDefault("redis://127.0.0.1:6379")
    String url();

    /** Redis database number: 0 for the stack, 1 for tests. */
    @WithDefault("0")
    int database();
}
