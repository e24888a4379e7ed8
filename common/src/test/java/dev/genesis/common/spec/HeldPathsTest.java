package dev.genesis.common.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeldPathsTest {

    @Test
    void folderHeldAboveAPathOrAPathHeldUnderAFolderConflicts() {
        HeldPaths held = new HeldPaths();
        held.add(writes("src/main/"));
        held.add(reads("docs/guide.md"));

        assertThat(held.conflictsWith(writes("src/main/App.java"))).isTrue();
        assertThat(held.conflictsWith(reads("src/"))).isTrue();
        assertThat(held.conflictsWith(writes("docs/"))).isTrue();
        assertThat(held.conflictsWith(writes("./docs//guide.md"))).isTrue();
        assertThat(held.conflictsWith(reads("docs/"))).as("reads share").isFalse();
        assertThat(held.conflictsWith(writes("src/mainx/App.java"))).isFalse();
        assertThat(held.conflictsWith(writes("docs/guide.md.bak"))).isFalse();
        assertThat(held.conflictsWith(writes("src"))).as("a file named like the folder").isFalse();
    }

    @Test
    void mergeModeWritersPassEachOtherButNotLockModeHolders() {
        HeldPaths held = new HeldPaths();
        held.add(new Resources(List.of("a.txt"), List.of(), ResourceMode.MERGE));
        assertThat(held.conflictsWith(new Resources(List.of("a.txt"), List.of(), ResourceMode.MERGE))).isFalse();
        assertThat(held.conflictsWith(writes("a.txt"))).isTrue();
        assertThat(held.conflictsWith(reads("a.txt"))).isTrue();

        held.add(reads("b.txt"));
        assertThat(held.conflictsWith(new Resources(List.of("b.txt"), List.of(), ResourceMode.MERGE))).isTrue();
    }

    @Test
    void nothingHeldConflictsWithNothing() {
        assertThat(new HeldPaths().conflictsWith(writes("a/", "b.txt"))).isFalse();
    }

    /** The index must answer as the pairwise check it replaces, for any mix of paths and modes. */
    @Test
    void answersAsThePairwiseCheckOnRandomResources() {
        Random random = new Random(7);
        int conflicts = 0;
        for (int trial = 0; trial < 3_000; trial++) {
            List<Resources> holders = new ArrayList<>();
            HeldPaths held = new HeldPaths();
            for (int i = random.nextInt(6); i > 0; i--) {
                Resources r = randomResources(random);
                holders.add(r);
                held.add(r);
            }
            Resources candidate = randomResources(random);
            boolean expected = holders.stream().anyMatch(candidate::conflictsWith);
            assertThat(held.conflictsWith(candidate)).as("%s against %s", candidate, holders).isEqualTo(expected);
            conflicts += expected ? 1 : 0;
        }
        // Both answers occur often, so the comparison tests something either way.
        assertThat(conflicts).isBetween(600, 2_400);
    }

    private static Resources randomResources(Random random) {
        return new Resources(randomPaths(random), randomPaths(random),
                random.nextInt(4) == 0 ? ResourceMode.MERGE : ResourceMode.LOCK);
    }

    private static List<String> randomPaths(Random random) {
        String[] segments = {"a", "b", "ab", ".", ""};
        List<String> paths = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            StringBuilder path = new StringBuilder();
            for (int depth = 1 + random.nextInt(3); depth > 0; depth--) {
                path.append(segments[random.nextInt(segments.length)]);
                if (depth > 1 || random.nextBoolean()) {
                    path.append('/');
                }
            }
            if (!ResourcePaths.normalize(path.toString()).isEmpty()) {
                paths.add(path.toString());
            }
        }
        return paths;
    }

    private static Resources writes(String... paths) {
        return new Resources(List.of(paths), List.of(), ResourceMode.LOCK);
    }

    private static Resources reads(String... paths) {
        return new Resources(List.of(), List.of(paths), ResourceMode.LOCK);
    }
}
