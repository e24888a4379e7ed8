package dev.genesis.coordinator.locks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoveringPathsTest {

    @Test
    void aFileIsCoveredByItselfAndEveryFolderAboveIt() {
        assertThat(RedisLockManager.coveringPaths("src/main/./A.java"))
                .containsExactly("src/", "src/main/", "src/main/A.java");
    }

    @Test
    void aTopLevelFileIsCoveredOnlyByItself() {
        assertThat(RedisLockManager.coveringPaths("README.md")).containsExactly("README.md");
    }
}
