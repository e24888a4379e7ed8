package dev.genesis.coordinator.locks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.common.testing.GenesisTestServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RMap;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class FenceTrimTest {

    @Inject
    LockManager locks;

    @Inject
    RedissonClient redis;

    private final String ns = "trim-" + UUID.randomUUID() + "/";

    @BeforeEach
    void noLeasesOfEarlierTests() {
        // Leases other test classes left live would keep every newer mark, these among them.
        redis.getKeys().delete(RedisLockManager.PREFIX + "leases", RedisLockManager.PREFIX + "expiry",
                RedisLockManager.PREFIX + "tokens");
    }

    @Test
    void marksOlderThanEveryLiveLeaseGoAndTheFloorStillRefusesTheirTokens() {
        Lease file = locks.acquire(request("run/a#1", List.of(ns + "a.txt"), List.of()));
        locks.release(file.leaseId());
        Lease folder = locks.acquire(request("run/b#1", List.of(ns + "dir/"), List.of(ns + "lib.txt")));
        locks.release(folder.leaseId());
        Lease live = locks.acquire(request("run/c#1", List.of(ns + "live.txt"), List.of()));

        LockManager.FenceTrim trim = locks.trimFence(0);

        assertThat(trim.removed()).isGreaterThanOrEqualTo(3);
        assertThat(trim.floor()).isGreaterThanOrEqualTo(folder.token()).isLessThan(live.token());
        RMap<String, String> fence = fence();
        assertThat(fence.keySet()).doesNotContain(ns + "a.txt", ns + "dir/", ns + "lib.txt");
        assertThat(fence.get(ns + "live.txt")).isEqualTo(String.valueOf(live.token()));

        // The trimmed paths still refuse the tokens of their last grants' predecessors…
        assertThat(locks.newestToken(ns + "a.txt")).isGreaterThanOrEqualTo(file.token());
        assertThat(locks.newestToken(ns + "dir/x.txt")).isGreaterThanOrEqualTo(folder.token());
        // …while the live lease keeps its own mark and passes its fence.
        assertThat(locks.newestToken(ns + "live.txt")).isEqualTo(live.token());

        Lease again = locks.acquire(request("run/d#1", List.of(ns + "a.txt"), List.of()));
        assertThat(again.token()).isGreaterThan(trim.floor());
        assertThat(locks.newestToken(ns + "a.txt")).as("a new grant marks the path above the floor")
                .isEqualTo(again.token());
        locks.release(again.leaseId());
        locks.release(live.leaseId());
    }

    @Test
    void withNoLeaseLiveEveryMarkGoesAndTheFloorIsTheNewestToken() {
        Lease last = locks.acquire(request("run/e#1", List.of(ns + "e.txt"), List.of()));
        locks.release(last.leaseId());

        LockManager.FenceTrim trim = locks.trimFence(0);

        assertThat(trim.floor()).isEqualTo(last.token());
        assertThat(fence().size()).isZero();
        assertThat(locks.newestToken(ns + "e.txt")).isEqualTo(last.token());
        assertThat(locks.newestToken(ns + "never-locked.txt")).isEqualTo(last.token());
    }

    @Test
    void withinTheLimitNothingIsTrimmed() {
        Lease lease = locks.acquire(request("run/f#1", List.of(ns + "f.txt"), List.of()));
        locks.release(lease.leaseId());

        LockManager.FenceTrim trim = locks.trimFence(Long.MAX_VALUE);

        assertThat(trim.removed()).isZero();
        assertThat(fence().get(ns + "f.txt"))
                .isEqualTo(String.valueOf(lease.token()));
    }

    /** The fence hash itself (path → newest token), read straight from Redis. */
    private RMap<String, String> fence() {
        return redis.getMap(RedisLockManager.PREFIX + "fence", StringCodec.INSTANCE);
    }

    private static LockRequest request(String holder, List<String> writes, List<String> reads) {
        return new LockRequest("fence-trim-test", holder, writes, reads, 30_000, 0);
    }
}
