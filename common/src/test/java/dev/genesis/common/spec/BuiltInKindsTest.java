package dev.genesis.common.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BuiltInKindsTest {

    @Test
    void knowsHowLongTheKindsWithoutWorkTake() {
        assertThat(BuiltInKinds.expectedMillis("noop", Map.of())).hasValue(0);
        assertThat(BuiltInKinds.expectedMillis("fail", Map.of("times", 2))).hasValue(0);
        assertThat(BuiltInKinds.expectedMillis("sleep", Map.of("ms", 120))).hasValue(120);
    }

    @Test
    void cannotTellTheLengthOfRealWork() {
        assertThat(BuiltInKinds.expectedMillis("shell", Map.of("command", List.of("make")))).isEqualTo(OptionalLong.empty());
        assertThat(BuiltInKinds.expectedMillis("http", Map.of("url", "http://x"))).isEmpty();
        assertThat(BuiltInKinds.expectedMillis("sleep", Map.of())).isEmpty();
        assertThat(BuiltInKinds.expectedMillis("my-kind", Map.of())).isEmpty();
    }
}
