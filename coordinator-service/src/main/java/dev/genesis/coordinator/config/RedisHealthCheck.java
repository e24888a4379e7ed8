package dev.genesis.coordinator.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.redisson.api.RedissonClient;

/** Not ready without Redis: no lock could be granted. */
@Readiness
@ApplicationScoped
public class RedisHealthCheck implements HealthCheck {

    private final RedissonClient redis;

    public RedisHealthCheck(RedissonClient redis) {
        this.redis = redis;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            redis.getBucket("genesis:health").isExists();
            return HealthCheckResponse.up("redis");
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("redis").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
