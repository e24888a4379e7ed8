package dev.genesis.coordinator.locks;

import static dev.genesis.coordinator.locks.LockRequestBuilder.aLock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genesis.coordinator.config.RedissonProducer;
import dev.genesis.coordinator.metrics.CoordinatorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

/** With Redis out of reach nothing may look granted. */
class RedisUnavailableTest {

    private RedissonClient client;
    private RedisLockManager manager;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void clientToAClosedPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        client = Redisson.create(RedissonProducer.config("redis://127.0.0.1:" + port, 1, true));
        meters = new SimpleMeterRegistry();
        manager = new RedisLockManager(client, new CoordinatorMetrics(meters));
    }

    @AfterEach
    void close() {
        client.shutdown();
    }

    @Test
    void aRedisErrorMeansNotAcquired() {
        assertThatThrownBy(() -> manager.acquire(aLock("run/a#1").writes("src/").waitMs(1_000).build()))
                .isInstanceOf(LockUnavailableException.class);
        assertThat(meters.counter("genesis.coordinator.lock.acquisitions", "outcome", "granted").count()).isZero();
        assertThat(meters.counter("genesis.coordinator.lock.acquisitions", "outcome", "error").count()).isEqualTo(1);
        assertThat(meters.counter("genesis.coordinator.redis.errors").count()).isPositive();
    }

    @Test
    void theAsyncPathsFailTheSameWayInsteadOfHanging() {
        assertThat(manager.acquireAsync(aLock("run/b#1").writes("src/").waitMs(1_000).build()).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(LockUnavailableException.class);
        assertThat(manager.releaseAsync("some-lease").toCompletableFuture())
                .failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(LockUnavailableException.class);
    }

    @Test
    void aBulkGrantFailsWholeAndCountsAnErrorPerRequest() {
        assertThat(manager.tryAcquireEach(List.of("some-lease"), List.of(aLock("run/c#1").writes("a.txt").build(),
                aLock("run/d#1").reads("b/").build())).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(LockUnavailableException.class);
        assertThat(meters.counter("genesis.coordinator.lock.acquisitions", "outcome", "granted").count()).isZero();
        assertThat(meters.counter("genesis.coordinator.lock.acquisitions", "outcome", "error").count()).isEqualTo(2);
    }

    @Test
    void theFenceCannotBeReadSoNoWriteIsProvenSafe() {
        assertThatThrownBy(() -> manager.newestToken("src/a.txt")).isInstanceOf(LockUnavailableException.class);
    }

    @Test
    void theLiveLeasesCannotBeCountedEither() {
        assertThatThrownBy(manager::activeLeases).isInstanceOf(LockUnavailableException.class);
    }
}
