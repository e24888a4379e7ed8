package dev.genesis.bench.peer;

import dev.genesis.common.stats.Percentiles;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * JobRunr in this JVM on PostgreSQL, running no-op jobs with as many workers as Genesis has
 * slots. Its tables carry {@link #TABLE_PREFIX} and are dropped before and after.
 */
public final class JobRunrPeer {

    public static final String TABLE_PREFIX = "jobrunr_bench_";
    /** JobRunr rejects a shorter poll interval for SQL storage ("smallest supported pollInterval is 5 seconds"). */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

    private final String jdbcUrl;
    private final String user;
    private final Duration timeout;

    public JobRunrPeer(String jdbcUrl, String user, Duration timeout) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.timeout = timeout;
    }

    /**
     * What JobRunr achieved.
     *
     * @param throughputPerS jobs ÷ (last finish − first enqueue)
     * @param executionThroughputPerS jobs ÷ (last finish − first start)
     * @param batchEnqueueToStartMs enqueue→start over the batch (queueing included)
     * @param chainLatencyMs enqueue→start of each chain link enqueued by its predecessor
     */
    public record Figures(int jobs, int workers, double throughputPerS, double executionThroughputPerS,
            Percentiles.Summary batchEnqueueToStartMs, Percentiles.Summary chainLatencyMs) {
    }

    public Figures measure(int jobs, int workers, int chainLength) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setUser(user);
        dropTables(ds);
        try {
            JobRequestScheduler scheduler = JobRunr.configure()
                    .useStorageProvider(new PostgresStorageProvider(ds, TABLE_PREFIX))
                    .useBackgroundJobServer(BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                            .andWorkerCount(workers)
                            .andPollInterval(POLL_INTERVAL))
                    .initialize()
                    .getJobRequestScheduler();
            List<long[]> batch = runBatch(scheduler, jobs);
            List<long[]> chain = runChain(scheduler, chainLength);
            long firstEnqueue = batch.stream().mapToLong(s -> s[0]).min().orElseThrow();
            long firstStart = batch.stream().mapToLong(s -> s[1]).min().orElseThrow();
            long lastEnd = batch.stream().mapToLong(s -> s[2]).max().orElseThrow();
            return new Figures(jobs, workers, jobs / ((lastEnd - firstEnqueue) / 1e6),
                    jobs / ((lastEnd - firstStart) / 1e6), enqueueToStart(batch),
                    enqueueToStart(chain.subList(1, chain.size())));
        } finally {
            JobRunr.destroy();
            dropTables(ds);
        }
    }

    private List<long[]> runBatch(JobRequestScheduler scheduler, int jobs) throws InterruptedException {
        PeerProbe.reset(jobs, scheduler);
        long now = PeerProbe.nowMicros();
        scheduler.enqueue(IntStream.range(0, jobs).mapToObj(i -> new NoopJob(now, 0)));
        return await(jobs, "batch");
    }

    /** The first link starts cold and is dropped: only links enqueued by a finishing job count. */
    private List<long[]> runChain(JobRequestScheduler scheduler, int length) throws InterruptedException {
        PeerProbe.reset(length, scheduler);
        scheduler.enqueue(new NoopJob(PeerProbe.nowMicros(), length - 1));
        List<long[]> samples = await(length, "chain");
        samples.sort((a, b) -> Long.compare(a[1], b[1]));
        return samples;
    }

    private List<long[]> await(int expected, String what) throws InterruptedException {
        if (!PeerProbe.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("JobRunr " + what + ": only " + PeerProbe.SAMPLES.size() + " of "
                    + expected + " jobs ran within " + timeout.toSeconds() + " s");
        }
        return new ArrayList<>(PeerProbe.SAMPLES);
    }

    private static Percentiles.Summary enqueueToStart(List<long[]> samples) {
        return Percentiles.summarize(samples.stream().map(s -> (s[1] - s[0]) / 1000.0).toList());
    }

    /** Drops every view and table named with the prefix, so each measurement starts empty. */
    private static void dropTables(PGSimpleDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            List<String> drops = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select table_schema, table_name, table_type from information_schema.tables"
                    + " where table_name like '" + TABLE_PREFIX.replace("_", "\\_") + "%' order by table_type desc")) {
                while (rs.next()) {
                    String kind = "VIEW".equals(rs.getString(3)) ? "VIEW" : "TABLE";
                    drops.add("drop " + kind + " if exists \"" + rs.getString(1) + "\".\"" + rs.getString(2) + "\" cascade");
                }
            }
            for (String drop : drops) {
                st.execute(drop);
            }
        }
    }
}
