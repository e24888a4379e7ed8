package dev.genesis.common.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResourcePathsTest {

    @Test
    void folderCoversEverythingUnderIt() {
        assertThat(ResourcePaths.overlap("src/", "src/a.txt")).isTrue();
        assertThat(ResourcePaths.overlap("src/a/b.txt", "src/")).isTrue();
        assertThat(ResourcePaths.overlap("src/", "srcx/a.txt")).isFalse();
        assertThat(ResourcePaths.overlap("src/a.txt", "src/a.txt.bak")).isFalse();
        assertThat(ResourcePaths.overlap("./src//a.txt", "src/a.txt")).isTrue();
    }

    @Test
    void writesConflictReadsShare() {
        Resources writer = new Resources(List.of("src/"), List.of(), null);
        Resources otherWriter = new Resources(List.of("src/a.txt"), List.of(), null);
        Resources reader = new Resources(List.of(), List.of("src/a.txt"), null);
        Resources otherReader = new Resources(List.of(), List.of("src/"), null);
        assertThat(writer.conflictsWith(otherWriter)).isTrue();
        assertThat(writer.conflictsWith(reader)).isTrue();
        assertThat(reader.conflictsWith(writer)).isTrue();
        assertThat(reader.conflictsWith(otherReader)).isFalse();
    }

    @Test
    void mergeModeWritersMayRunTogether() {
        Resources a = new Resources(List.of("src/a.txt"), List.of(), ResourceMode.MERGE);
        Resources b = new Resources(List.of("src/a.txt"), List.of(), ResourceMode.MERGE);
        assertThat(a.conflictsWith(b)).isFalse();
        assertThat(a.conflictsWith(new Resources(List.of("src/a.txt"), List.of(), ResourceMode.LOCK))).isTrue();
    }

    @Test
    void retryBackoffGrowsAndIsCapped() {
        RetryPolicy policy = new RetryPolicy(5, 100L, 2.0, 300L);
        assertThat(policy.delayAfter(1, 0)).isEqualTo(100);
        assertThat(policy.delayAfter(2, 0)).isEqualTo(200);
        assertThat(policy.delayAfter(3, 0)).isEqualTo(300);
        assertThat(policy.delayAfter(2, 0.999)).isBetween(239L, 240L);
    }
}
