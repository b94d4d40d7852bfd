package io.rpik8s.sidecar.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopbackOnlyTest {

    @Test
    void onlyTheLoopbackAddressesOfThePodAreItsOwnContainers() {
        assertThat(LoopbackOnly.isLoopback("127.0.0.1")).isTrue();
        assertThat(LoopbackOnly.isLoopback("127.0.0.53")).isTrue();
        assertThat(LoopbackOnly.isLoopback("::1")).isTrue();
        assertThat(LoopbackOnly.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        // Another pod, the node, and names (never resolved) are not.
        assertThat(LoopbackOnly.isLoopback("10.42.1.17")).isFalse();
        assertThat(LoopbackOnly.isLoopback("fd00::17")).isFalse();
        assertThat(LoopbackOnly.isLoopback("localhost")).isFalse();
        assertThat(LoopbackOnly.isLoopback(null)).isFalse();
    }
}
