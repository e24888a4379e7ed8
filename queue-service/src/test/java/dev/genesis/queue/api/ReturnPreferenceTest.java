package dev.genesis.queue.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReturnPreferenceTest {

    @Test
    void minimalIsAskedByTheReturnPreferenceAlone() {
        assertThat(ReturnPreference.minimal(List.of("return=minimal"))).isTrue();
        assertThat(ReturnPreference.minimal(List.of("respond-async, wait=10, return=minimal"))).isTrue();
        assertThat(ReturnPreference.minimal(List.of(" Return = \"MINIMAL\" ; foo=bar"))).isTrue();
        assertThat(ReturnPreference.minimal(null)).isFalse();
        assertThat(ReturnPreference.minimal(List.of())).isFalse();
        // Several Prefer headers are one list (RFC 7240, section 2).
        assertThat(ReturnPreference.minimal(List.of("respond-async", "return=minimal"))).isTrue();
        assertThat(ReturnPreference.minimal(List.of(""))).isFalse();
        assertThat(ReturnPreference.minimal(List.of("return=representation"))).isFalse();
        assertThat(ReturnPreference.minimal(List.of("returns=minimal"))).isFalse();
        assertThat(ReturnPreference.minimal(List.of("handling=lenient; return=minimal"))).isFalse();
        // The first return preference counts.
        assertThat(ReturnPreference.minimal(List.of("return=representation, return=minimal"))).isFalse();
    }
}
