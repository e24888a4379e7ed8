package dev.genesis.coordinator.config;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/** The one Redisson client of the process; plain Redisson since the Quarkus extension lags behind. */
public class RedissonProducer {

    @Produces
    @Singleton
    RedissonClient redisson(RedisConfig redis) {
        return Redisson.create(config(redis.url(), redis.database(), false));
    }

    void close(@Disposes RedissonClient client) {
        client.shutdown();
    }

    /**
     * A Redisson configuration with the String codec: the default Kryo codec would make the keys
     * unreadable to other tools and to the Lua scripts.
     *
     * @param lazy connect on first use rather than at creation (lets a client to a dead Redis exist)
     */
    public static Config config(String url, int database, boolean lazy) {
        Config config = new Config();
        config.setCodec(StringCodec.INSTANCE);
        config.setLazyInitialization(lazy);
        config.useSingleServer()
                .setAddress(url)
                .setDatabase(database)
                .setConnectionMinimumIdleSize(4)
                .setConnectionPoolSize(32)
                .setConnectTimeout(2_000)
                .setTimeout(3_000)
                .setRetryAttempts(1);
        return config;
    }
}
