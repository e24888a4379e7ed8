package dev.genesis.bench.suites;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genesis.bench.api.StackException;
import dev.genesis.bench.api.WorkspaceApi;
import dev.genesis.bench.api.WorkspaceApi.ChangesetAnswer;
import dev.genesis.bench.api.WorkspaceApi.ChangesetBody;
import dev.genesis.bench.api.WorkspaceApi.CommittedFile;
import dev.genesis.bench.api.WorkspaceApi.FileBody;
import dev.genesis.bench.api.WorkspaceApi.FileView;
import dev.genesis.bench.api.WorkspaceApi.Lease;
import dev.genesis.bench.api.WorkspaceApi.Timed;
import dev.genesis.bench.report.BarChart;
import dev.genesis.bench.report.SuiteResult;
import dev.genesis.bench.stats.Samples;
import dev.genesis.common.stats.Percentiles;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Changeset commit latency against the size of the workspace (opt-in: {@code ./genesis bench
 * workspace}). Per size N: N files of {@value WorkspaceFiles#FILE_BYTES} bytes imported in one zip
 * into a fresh folder, then sequential lock-mode commits of one file each (lease, commit, release;
 * only the commit's POST timed), then one named snapshot and one diff timed; at the end the
 * folder's files are deleted in one changeset so the live workspace does not grow from run to run
 * (their history stays). Talks to the coordinator only: no runs, no workers.
 */
public final class WorkspaceSuite implements Suite {

    public static final String NAME = "workspace";
    static final int WARMUP_COMMITS = 20;
    static final String OWNER = "bench-workspace";
    static final long LEASE_MS = 30_000;
    static final long WAIT_MS = 10_000;
    /** The clean-up is one transaction over every file of the folder: its lease must outlast it. */
    static final long CLEANUP_LEASE_MS = 300_000;
    /** quarkus.http.limits.max-body-size of the coordinator (64M). */
    static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

    static final List<String> COLUMNS = List.of("workspace files", "commits", "commit p50 ms", "commit p99 ms",
            "commit max ms", "commits/s", "snapshot POST ms", "diff ms");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultRepeats() {
        return 1;
    }

    @Override
    public double weight() {
        return 40;
    }

    /** It warms up what it measures itself (unmeasured commits): the noop runs of the warm-up would not. */
    @Override
    public boolean needsWarmup() {
        return false;
    }

    /** The figures of one workspace size, over every repetition. */
    record SizeFigures(int files, int commits, double p50, double p99, double max, double commitsPerSecond,
            double snapshotMs, double diffMs) {

        /** Nearest-rank percentiles of the commit latencies; commits/s = commits ÷ the sum of their latencies. */
        static SizeFigures of(int files, List<Double> commitMs, List<Double> snapshotMs, List<Double> diffMs) {
            Percentiles.Summary s = Percentiles.summarize(commitMs);
            double totalMs = commitMs.stream().mapToDouble(Double::doubleValue).sum();
            return new SizeFigures(files, commitMs.size(), s.p50(), s.p99(), s.max(),
                    totalMs > 0 ? commitMs.size() * 1000.0 / totalMs : Double.NaN, Percentiles.median(snapshotMs),
                    Percentiles.median(diffMs));
        }

        Object[] row() {
            return new Object[] {"workspace files", files, "commits", commits, "commit p50 ms", p50,
                "commit p99 ms", p99, "commit max ms", max, "commits/s", commitsPerSecond,
                "snapshot POST ms", snapshotMs, "diff ms", diffMs};
        }
    }

    @Override
    public SuiteResult run(BenchContext ctx, Repetitions reps) {
        WorkspaceApi api = new WorkspaceApi(ctx.options().coordinatorUrl());
        List<Integer> sizes = ctx.options().workspaceFiles();
        int commits = ctx.options().workspaceCommits();
        int others = api.files("").size();
        ctx.out().printf(Locale.ROOT, "  the live workspace holds %d file(s) before the first size%n", others);
        Map<Integer, Samples> bySize = new LinkedHashMap<>();
        sizes.forEach(n -> bySize.put(n, new Samples()));
        while (reps.next()) {
            for (int n : sizes) {
                once(api, n, commits, bySize.get(n), ctx.out());
            }
        }
        List<SizeFigures> figures = new ArrayList<>();
        for (int n : sizes) {
            Samples s = bySize.get(n);
            figures.add(SizeFigures.of(n, s.all("commit"), s.all("snapshot"), s.all("diff")));
        }
        return result(figures, commits, others, reps.done());
    }

    /** The table, its note and the chart, from the figures of every size. */
    static SuiteResult result(List<SizeFigures> figures, int commitsPerPass, int otherFiles, int repetitions) {
        SuiteResult result = new SuiteResult(NAME, "Changeset commit latency by workspace size", COLUMNS);
        for (SizeFigures f : figures) {
            result.row(f.row());
        }
        result.note(String.format(Locale.ROOT, "Per workspace size N: N text files of %d bytes imported in one zip "
                + "into a fresh folder (bench-ws-<hex>/d<i/100>/f<i>.txt), then %d unmeasured and %d measured commits, "
                + "one after another, each taking a write lease on one file (the files in turn), POSTing a lock-mode "
                + "changeset that rewrites it at the version it is known to be at, and releasing the lease. Commit "
                + "latency is that POST /api/workspace/changesets alone, timed by this client around the request "
                + "(lease and release not included); p50/p99 are nearest-rank%s. commits/s = measured commits ÷ the "
                + "sum of their latencies (one client, no concurrency).", WorkspaceFiles.FILE_BYTES, WARMUP_COMMITS,
                commitsPerPass, repetitions > 1 ? " over the commits of all " + repetitions + " repetitions" : ""));
        result.note("snapshot POST ms = one POST /api/snapshots after the commits; diff ms = one GET "
                + "/api/snapshots/{a}/diff/{b} between the snapshots taken before the first and before the last measured "
                + "commit" + (repetitions > 1 ? " (medians of " + repetitions + " repetitions)" : "") + ".");
        result.note(String.format(Locale.ROOT, "Every commit takes a snapshot before it, so where a snapshot costs a "
                + "row per live file the commit latency grows with the live workspace: besides each size's folder, it "
                + "held %d file(s) here. At the end of each size one changeset deletes the folder's files (under a "
                + "folder lease), so the live workspace does not grow from run to run; their history stays.",
                otherFiles));
        List<String> labels = figures.stream().map(f -> f.files() + " files").toList();
        result.chart(new BarChart("workspace.png", "Changeset commit latency by workspace size", "ms", labels,
                List.of("commit p50", "commit p99"),
                List.of(figures.stream().map(SizeFigures::p50).toList(),
                        figures.stream().map(SizeFigures::p99).toList()),
                null, null));
        return result;
    }

    /** One size: import, commits, snapshot, diff, clean-up; adds "commit", "snapshot" and "diff" ms to {@code s}. */
    static void once(WorkspaceApi api, int n, int commits, Samples s, PrintStream out) {
        String folder = WorkspaceFiles.newFolder();
        String name = folder.substring(0, folder.length() - 1);
        String holder = OWNER + "/" + name;
        byte[] zip = WorkspaceFiles.zip(folder, n);
        if (zip.length > MAX_BODY_BYTES) {
            throw new IllegalStateException("the zip of " + n + " files is " + zip.length + " bytes, more than the "
                    + "coordinator's body limit of " + MAX_BODY_BYTES + " bytes: use fewer --workspace-files");
        }
        out.printf(Locale.ROOT, "  %d files in %s: importing a %d KB zip ...%n", n, folder, zip.length / 1024);
        long t0 = System.nanoTime();
        ChangesetAnswer imported = api.importZip(zip, holder);
        double importMs = (System.nanoTime() - t0) / 1e6;
        int[] versions = importedVersions(imported, folder, n);
        boolean cleaned = false;
        try {
            List<Double> latencies = new ArrayList<>(commits);
            long firstSnapshot = 0;
            long lastSnapshot = 0;
            for (int k = 0; k < WARMUP_COMMITS + commits; k++) {
                int i = k % n;
                String path = WorkspaceFiles.path(folder, i);
                Timed<ChangesetAnswer> committed = commitOne(api, name, holder, k, path, versions[i]);
                versions[i] = committed.value().versionOf(path);
                if (k >= WARMUP_COMMITS) {
                    latencies.add(committed.millis());
                    if (k == WARMUP_COMMITS) {
                        firstSnapshot = committed.value().snapshotId();
                    }
                    lastSnapshot = committed.value().snapshotId();
                }
            }
            latencies.forEach(ms -> s.add("commit", ms));
            Timed<Long> snapshot = api.snapshot(name + " after " + commits + " commits");
            s.add("snapshot", snapshot.millis());
            Timed<JsonNode> diff = api.diff(firstSnapshot, lastSnapshot);
            s.add("diff", diff.millis());
            Percentiles.Summary sum = Percentiles.summarize(latencies);
            out.printf(Locale.ROOT, "    import %.0f ms; %d + %d commits: p50 %.2f ms, p99 %.2f ms, max %.2f ms; "
                    + "snapshot %.2f ms; diff %d→%d %.2f ms (%d changed path(s))%n", importMs, WARMUP_COMMITS, commits,
                    sum.p50(), sum.p99(), sum.max(), snapshot.millis(), firstSnapshot, lastSnapshot, diff.millis(),
                    diff.value().path("changed").size());
            int deleted = cleanUp(api, folder, holder, name, versions, out);
            cleaned = true;
            out.printf(Locale.ROOT, "    cleaned up: %d file(s) of %s deleted%n", deleted, folder);
        } finally {
            if (!cleaned) {
                try {
                    cleanUp(api, folder, holder, name, null, out);
                } catch (RuntimeException e) {
                    out.println("    warning: could not delete the files of " + folder + ": " + e.getMessage());
                }
            }
        }
    }

    /** The version of each imported file, by index; fails unless the import answered all {@code n}. */
    static int[] importedVersions(ChangesetAnswer imported, String folder, int n) {
        Map<String, Integer> byPath = new HashMap<>();
        for (CommittedFile f : imported.files()) {
            byPath.put(f.path(), f.version());
        }
        int[] versions = new int[n];
        for (int i = 0; i < n; i++) {
            Integer v = byPath.get(WorkspaceFiles.path(folder, i));
            if (v == null) {
                throw new StackException("POST /api/workspace/import answered without " + WorkspaceFiles.path(folder, i)
                        + " (" + imported.files().size() + " of " + n + " files listed)");
            }
            versions[i] = v;
        }
        return versions;
    }

    /** The lock-mode changeset of commit {@code k}: revision k + 1 of {@code path}, on {@code baseVersion}. */
    static ChangesetBody edit(String runId, String holder, Lease lease, int k, String path, int baseVersion) {
        return new ChangesetBody(runId, "commit-" + k, 1, holder, lease.leaseId(), lease.token(), "lock",
                List.of(FileBody.edit(path, baseVersion, WorkspaceFiles.content(path, k + 1))));
    }

    /** The changeset that deletes {@code files} at their versions. */
    static ChangesetBody deletion(String runId, String holder, Lease lease, List<FileView> files) {
        return new ChangesetBody(runId, "clean-up", 1, holder, lease.leaseId(), lease.token(), "lock",
                files.stream().map(f -> FileBody.deletion(f.path(), f.version())).toList());
    }

    /** Lease, commit (timed), release: the release also when the commit failed. */
    private static Timed<ChangesetAnswer> commitOne(WorkspaceApi api, String runId, String holder, int k, String path,
            int baseVersion) {
        Lease lease = api.acquireWrites(OWNER, holder, List.of(path), LEASE_MS, WAIT_MS);
        Timed<ChangesetAnswer> committed;
        try {
            byte[] body = api.encode(edit(runId, holder, lease, k, path, baseVersion));
            committed = api.commit(body, "commit " + k + ": " + path + " on version " + baseVersion, false);
        } catch (RuntimeException e) {
            try {
                api.release(lease.leaseId());
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        api.release(lease.leaseId());
        return committed;
    }

    /**
     * Deletes every live file under {@code folder} in one changeset, under a lease on the folder,
     * at the versions the coordinator lists (so that it also works after a failed commit).
     * {@code expected} (by file index) are the versions this suite tracked: a difference is reported.
     *
     * @return how many files it deleted
     */
    private static int cleanUp(WorkspaceApi api, String folder, String holder, String runId, int[] expected,
            PrintStream out) {
        Lease lease = api.acquireWrites(OWNER, holder, List.of(folder), CLEANUP_LEASE_MS, WAIT_MS);
        try {
            List<FileView> live = api.files(folder);
            if (expected != null) {
                String mismatch = mismatch(live, folder, expected);
                if (mismatch != null) {
                    out.println("    warning: " + mismatch);
                }
            }
            if (live.isEmpty()) {
                return 0;
            }
            api.commit(api.encode(deletion(runId, holder, lease, live)), "clean-up: deleting the " + live.size()
                    + " files of " + folder, true);
            return live.size();
        } finally {
            api.release(lease.leaseId());
        }
    }

    /** How the listed files differ from those the suite imported and edited, or null when they do not. */
    static String mismatch(List<FileView> live, String folder, int[] expected) {
        Map<String, Integer> listed = new HashMap<>();
        live.forEach(f -> listed.put(f.path(), f.version()));
        int differ = 0;
        String example = null;
        for (int i = 0; i < expected.length; i++) {
            String path = WorkspaceFiles.path(folder, i);
            Integer v = listed.remove(path);
            if (v == null || v != expected[i]) {
                differ++;
                if (example == null) {
                    example = path + " is at " + (v == null ? "no version" : "version " + v) + ", not " + expected[i];
                }
            }
        }
        if (differ == 0 && listed.isEmpty()) {
            return null;
        }
        return String.format(Locale.ROOT, "the coordinator lists %d file(s) under %s, %d of the %d imported at "
                + "another version than expected%s%s", live.size(), folder, differ, expected.length,
                example == null ? "" : " (" + example + ")",
                listed.isEmpty() ? "" : ", and " + listed.size() + " file(s) the suite did not import");
    }
}
