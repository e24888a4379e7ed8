package dev.genesis.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genesis.worker.kinds.NoopExecutor;
import dev.genesis.worker.kinds.SleepExecutor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutorRegistryTest {

    @Test
    void executorsAreFoundByKind() {
        var index = ExecutorRegistry.index(List.of(new NoopExecutor(), new SleepExecutor()));

        assertThat(index).containsOnlyKeys("noop", "sleep");
    }

    @Test
    void aKindOfferedTwiceIsAStartUpError() {
        assertThatThrownBy(() -> ExecutorRegistry.index(List.of(new NoopExecutor(), new NoopExecutor())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("noop");
    }
}
