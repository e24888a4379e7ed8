package dev.genesis.queue.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReturnPreferenceTest {

    @Test
    void minimalIsAskedByTheReturnPreferenceAlone() {
        assertThat(ReturnPreference.minimal("return=minimal")).isTrue();
        assertThat(ReturnPreference.minimal("respond-async, wait=10, return=minimal")).isTrue();
        assertThat(ReturnPreference.minimal(" Return = \"MINIMAL\" ; foo=bar")).isTrue();
        assertThat(ReturnPreference.minimal(null)).isFalse();
        assertThat(ReturnPreference.minimal("")).isFalse();
        assertThat(ReturnPreference.minimal("return=representation")).isFalse();
        assertThat(ReturnPreference.minimal("returns=minimal")).isFalse();
        assertThat(ReturnPreference.minimal("handling=lenient; return=minimal")).isFalse();
        // The first return preference counts.
        assertThat(ReturnPreference.minimal("return=representation, return=minimal")).isFalse();
    }
}
