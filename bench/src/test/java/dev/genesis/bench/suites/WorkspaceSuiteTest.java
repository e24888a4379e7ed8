package dev.genesis.bench.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genesis.bench.BenchOptions;
import dev.genesis.bench.api.StackException;
import dev.genesis.bench.api.WorkspaceApi;
import dev.genesis.bench.api.WorkspaceApi.ChangesetAnswer;
import dev.genesis.bench.api.WorkspaceApi.CommittedFile;
import dev.genesis.bench.api.WorkspaceApi.FileView;
import dev.genesis.bench.api.WorkspaceApi.Lease;
import dev.genesis.bench.report.BarChart;
import dev.genesis.bench.report.MarkdownTable;
import dev.genesis.bench.report.SuiteResult;
import dev.genesis.bench.stats.Samples;
import dev.genesis.common.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class WorkspaceSuiteTest {

    // --- the synthetic workspace

    @Test
    void filesLieInAFreshFolderAHundredToASubfolder() {
        String folder = WorkspaceFiles.newFolder();
        assertThat(folder).matches("bench-ws-[0-9a-f]{8}/");
        assertThat(WorkspaceFiles.newFolder()).isNotEqualTo(folder);
        assertThat(WorkspaceFiles.path("bench-ws-0000beef/", 0)).isEqualTo("bench-ws-0000beef/d0/f0.txt");
        assertThat(WorkspaceFiles.path("bench-ws-0000beef/", 99)).isEqualTo("bench-ws-0000beef/d0/f99.txt");
        assertThat(WorkspaceFiles.path("bench-ws-0000beef/", 100)).isEqualTo("bench-ws-0000beef/d1/f100.txt");
        assertThat(WorkspaceFiles.path("bench-ws-0000beef/", 4999)).isEqualTo("bench-ws-0000beef/d49/f4999.txt");
    }

    @Test
    void everyRevisionIsTwoHundredBytesOfTextAndDiffersFromTheOthers() {
        String path = WorkspaceFiles.path("bench-ws-0000beef/", 99_999);
        List<String> revisions = new ArrayList<>();
        for (int r = 0; r < 300; r += 37) {
            byte[] bytes = WorkspaceFiles.content(path, r);
            assertThat(bytes).hasSize(WorkspaceFiles.FILE_BYTES);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            assertThat(text).startsWith(path + " revision " + r + "\n").endsWith("\n").matches("[\\x20-\\x7e\\n]+");
            revisions.add(text);
        }
        assertThat(revisions).doesNotHaveDuplicates();
    }

    @Test
    void theZipHoldsEveryFileOnceInIndexOrderAtRevisionZero() throws Exception {
        String folder = "bench-ws-12345678/";
        byte[] zip = WorkspaceFiles.zip(folder, 250);
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                assertThat(entry.isDirectory()).isFalse();
                assertThat(in.readAllBytes()).isEqualTo(WorkspaceFiles.content(entry.getName(), 0));
                names.add(entry.getName());
            }
        }
        assertThat(names).containsExactlyElementsOf(
                IntStream.range(0, 250).mapToObj(i -> WorkspaceFiles.path(folder, i)).toList());
    }

    @Test
    void theLargestAllowedWorkspaceFitsTheCoordinatorsBodyLimit() {
        byte[] zip = WorkspaceFiles.zip("bench-ws-12345678/", BenchOptions.MAX_WORKSPACE_FILES);
        assertThat((long) zip.length).isLessThan(WorkspaceSuite.MAX_BODY_BYTES);
    }

    // --- request bodies

    @Test
    void anEditIsALockModeChangesetOfOneFileOnItsKnownVersionUnderTheLease() throws Exception {
        WorkspaceApi api = new WorkspaceApi(java.net.URI.create("http://127.0.0.1:1"));
        String path = "bench-ws-0000beef/d0/f7.txt";
        JsonNode body = Json.mapper().readTree(api.encode(WorkspaceSuite.edit("bench-ws-0000beef",
                "bench-workspace/bench-ws-0000beef", new Lease("L1", 42), 27, path, 3)));
        assertThat(body.path("runId").asText()).isEqualTo("bench-ws-0000beef");
        assertThat(body.path("taskId").asText()).isEqualTo("commit-27");
        assertThat(body.path("attempt").asInt()).isEqualTo(1);
        assertThat(body.path("holder").asText()).isEqualTo("bench-workspace/bench-ws-0000beef");
        assertThat(body.path("leaseId").asText()).isEqualTo("L1");
        assertThat(body.path("token").asLong()).isEqualTo(42);
        assertThat(body.path("mode").asText()).isEqualTo("lock");
        assertThat(body.path("files")).hasSize(1);
        JsonNode file = body.path("files").get(0);
        assertThat(file.path("path").asText()).isEqualTo(path);
        assertThat(file.path("baseVersion").asInt()).isEqualTo(3);
        assertThat(Base64.getDecoder().decode(file.path("content").asText()))
                .isEqualTo(WorkspaceFiles.content(path, 28));
        assertThat(file.has("deleted")).isFalse();
    }

    @Test
    void theCleanUpDeletesEveryListedFileAtItsVersionWithoutContent() throws Exception {
        WorkspaceApi api = new WorkspaceApi(java.net.URI.create("http://127.0.0.1:1"));
        JsonNode body = Json.mapper().readTree(api.encode(WorkspaceSuite.deletion("r", "h", new Lease("L", 7),
                List.of(new FileView("a/f1.txt", 1), new FileView("a/f2.txt", 5)))));
        assertThat(body.path("mode").asText()).isEqualTo("lock");
        assertThat(body.path("files")).hasSize(2);
        assertThat(body.path("files").get(1).path("path").asText()).isEqualTo("a/f2.txt");
        assertThat(body.path("files").get(1).path("baseVersion").asInt()).isEqualTo(5);
        assertThat(body.path("files").get(1).path("deleted").asBoolean()).isTrue();
        assertThat(body.path("files").get(1).has("content")).isFalse();
    }

    @Test
    void importedVersionsAreReadByPathAndAMissingFileFailsNamingIt() {
        String folder = "bench-ws-00000001/";
        ChangesetAnswer answer = new ChangesetAnswer(1, 1, List.of(
                new CommittedFile(WorkspaceFiles.path(folder, 1), 1, false),
                new CommittedFile(WorkspaceFiles.path(folder, 0), 2, false)));
        assertThat(WorkspaceSuite.importedVersions(answer, folder, 2)).containsExactly(2, 1);
        assertThatThrownBy(() -> WorkspaceSuite.importedVersions(answer, folder, 3))
                .isInstanceOf(StackException.class).hasMessageContaining("/api/workspace/import")
                .hasMessageContaining(WorkspaceFiles.path(folder, 2)).hasMessageContaining("2 of 3");
    }

    @Test
    void aListingThatDiffersFromTheTrackedVersionsIsDescribed() {
        String folder = "bench-ws-00000001/";
        List<FileView> same = List.of(new FileView(WorkspaceFiles.path(folder, 0), 3),
                new FileView(WorkspaceFiles.path(folder, 1), 1));
        assertThat(WorkspaceSuite.mismatch(same, folder, new int[] {3, 1})).isNull();
        assertThat(WorkspaceSuite.mismatch(same, folder, new int[] {2, 1}))
                .contains("1 of the 2").contains("f0.txt is at version 3, not 2");
        List<FileView> extra = new ArrayList<>(same);
        extra.add(new FileView(folder + "other.txt", 1));
        assertThat(WorkspaceSuite.mismatch(extra, folder, new int[] {3, 1})).contains("1 file(s) the suite did not");
    }

    // --- figures and report

    @Test
    void figuresAreNearestRankPercentilesAndCommitsPerSecondOverTheSumOfLatencies() {
        List<Double> ms = IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList();
        WorkspaceSuite.SizeFigures f = WorkspaceSuite.SizeFigures.of(500, ms, List.of(4.0, 2.0, 3.0), List.of(9.0));
        assertThat(f.files()).isEqualTo(500);
        assertThat(f.commits()).isEqualTo(100);
        assertThat(f.p50()).isEqualTo(50.0);
        assertThat(f.p99()).isEqualTo(99.0);
        assertThat(f.max()).isEqualTo(100.0);
        // 100 commits in 5050 ms
        assertThat(f.commitsPerSecond()).isCloseTo(100 / 5.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.snapshotMs()).isEqualTo(3.0);
        assertThat(f.diffMs()).isEqualTo(9.0);
        assertThat(WorkspaceSuite.SizeFigures.of(1, List.of(), List.of(), List.of()).commitsPerSecond()).isNaN();
    }

    @Test
    void oneRowPerSizeWithEveryColumnANoteAndAChartOfP50AndP99() {
        WorkspaceSuite.SizeFigures small = new WorkspaceSuite.SizeFigures(500, 200, 3.14159, 12.345, 40.0, 250.0,
                2.5, 7.25);
        WorkspaceSuite.SizeFigures big = new WorkspaceSuite.SizeFigures(5000, 200, 31.0, 120.0, 180.5, 30.2, 25.0,
                70.0);
        SuiteResult r = WorkspaceSuite.result(List.of(small, big), 200, 1234, 1);
        assertThat(r.suite()).isEqualTo("workspace");
        assertThat(r.columns()).containsExactly("workspace files", "commits", "commit p50 ms", "commit p99 ms",
                "commit max ms", "commits/s", "snapshot POST ms", "diff ms");
        assertThat(MarkdownTable.format(r.columns(), r.rows()).lines().toList()).containsExactly(
                "| workspace files | commits | commit p50 ms | commit p99 ms | commit max ms | commits/s "
                        + "| snapshot POST ms | diff ms |",
                "|---|---|---|---|---|---|---|---|",
                "| 500 | 200 | 3.14 | 12.3 | 40.0 | 250 | 2.50 | 7.25 |",
                "| 5000 | 200 | 31.0 | 120 | 181 | 30.2 | 25.0 | 70.0 |");
        assertThat(String.join(" ", r.notes())).contains("20 unmeasured and 200 measured commits")
                .contains("POST /api/workspace/changesets alone").contains("lease and release not included")
                .contains("POST /api/snapshots").contains("/diff/").contains("1234 file(s)")
                .doesNotContain("repetitions");
        assertThat(r.charts()).hasSize(1);
        BarChart chart = r.charts().get(0);
        assertThat(chart.file()).isEqualTo("workspace.png");
        assertThat(chart.categories()).containsExactly("500 files", "5000 files");
        assertThat(chart.series()).containsExactly("commit p50", "commit p99");
        assertThat(chart.values()).containsExactly(List.of(3.14159, 31.0), List.of(12.345, 120.0));
        assertThat(String.join(" ", WorkspaceSuite.result(List.of(small), 200, 0, 3).notes()))
                .contains("all 3 repetitions").contains("medians of 3 repetitions");
    }

    // --- the whole suite against a stand-in coordinator

    @Test
    void eachSizeImportsCommitsInTurnSnapshotsDiffsAndCleansUp() throws Exception {
        try (FakeCoordinator coordinator = new FakeCoordinator()) {
            coordinator.put("someone/else.txt", "theirs");
            BenchOptions options = BenchOptions.parse("workspace", "--root", "/r", "--coordinator-url",
                    coordinator.url().toString(), "--workspace-files", "30,3", "--workspace-commits", "7");
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            BenchContext ctx = new BenchContext(options, null, null, new PrintStream(console, true,
                    StandardCharsets.UTF_8));
            SuiteResult r = new WorkspaceSuite().run(ctx, Repetitions.exactly(1));

            assertThat(r.rows()).hasSize(2);
            assertThat(r.rows().get(0)).containsEntry("workspace files", 3).containsEntry("commits", 7);
            assertThat(r.rows().get(1)).containsEntry("workspace files", 30).containsEntry("commits", 7);
            for (Map<String, Object> row : r.rows()) {
                assertThat((Double) row.get("commit p50 ms")).isPositive();
                assertThat((Double) row.get("commit max ms")).isGreaterThanOrEqualTo((Double) row.get("commit p99 ms"));
                assertThat((Double) row.get("snapshot POST ms")).isPositive();
                assertThat((Double) row.get("diff ms")).isPositive();
            }
            assertThat(String.join(" ", r.notes())).contains("held 1 file(s)");

            // Two folders, each with 20 + 7 commits of one file and one clean-up; nothing of them left live.
            List<JsonNode> changesets = coordinator.changesets;
            assertThat(changesets).hasSize(2 * (20 + 7 + 1));
            JsonNode first = changesets.get(0);
            String folder = first.path("files").get(0).path("path").asText().replaceFirst("d0/f0\\.txt$", "");
            assertThat(folder).matches("bench-ws-[0-9a-f]{8}/");
            // 3 files in turn: commit k edits file k % 3 on the version it is at (1 after the import).
            for (int k = 0; k < 27; k++) {
                JsonNode file = changesets.get(k).path("files").get(0);
                assertThat(file.path("path").asText()).isEqualTo(WorkspaceFiles.path(folder, k % 3));
                assertThat(file.path("baseVersion").asInt()).isEqualTo(1 + k / 3);
            }
            JsonNode cleanUp = changesets.get(27);
            assertThat(cleanUp.path("files")).hasSize(3);
            cleanUp.path("files").forEach(f -> assertThat(f.path("deleted").asBoolean()).isTrue());
            assertThat(changesets.get(2 * 28 - 1).path("files")).hasSize(30);
            assertThat(coordinator.live("bench-ws-")).isEmpty();
            assertThat(coordinator.live("someone/")).hasSize(1);
            // Every lease was released; the clean-up's covered the folder.
            assertThat(coordinator.leases).isEmpty();
            assertThat(coordinator.granted.stream().filter(l -> l.writes().equals(List.of(folder)))).hasSize(1);
            assertThat(coordinator.requests.stream().filter(q -> q.endsWith("/release")).count())
                    .isEqualTo(coordinator.granted.size());
            // The diff spans the snapshots of the first and the last measured commit of each size.
            assertThat(coordinator.requests).contains("GET /api/snapshots/" + (1 + 21) + "/diff/" + (1 + 27))
                    .filteredOn(q -> q.equals("POST /api/snapshots")).hasSize(2);
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("3 files in bench-ws-")
                    .contains("cleaned up: 3 file(s)").doesNotContain("warning");
        }
    }

    @Test
    void aRefusedCommitFailsNamingTheRequestAndItsAnswerAndStillReleasesAndCleansUp() throws Exception {
        try (FakeCoordinator coordinator = new FakeCoordinator()) {
            coordinator.refuseChangeset = 24;
            WorkspaceApi api = new WorkspaceApi(coordinator.url());
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            assertThatThrownBy(() -> WorkspaceSuite.once(api, 5, 10, new Samples(),
                    new PrintStream(console, true, StandardCharsets.UTF_8)))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("POST /api/workspace/changesets (commit 24: bench-ws-")
                    .hasMessageContaining("f4.txt on version 5)")
                    .hasMessageContaining("answered 409").hasMessageContaining("merge conflict (as told)");
            assertThat(coordinator.leases).isEmpty();
            assertThat(coordinator.live("bench-ws-")).isEmpty();
        }
    }

    @Test
    void aCoordinatorThatIsNotThereFailsNamingTheRequest() {
        WorkspaceApi api = new WorkspaceApi(java.net.URI.create("http://127.0.0.1:1"));
        assertThatThrownBy(() -> api.files("")).isInstanceOf(StackException.class)
                .hasMessageContaining("/api/workspace/files").hasMessageContaining("is the stack up");
    }
}
