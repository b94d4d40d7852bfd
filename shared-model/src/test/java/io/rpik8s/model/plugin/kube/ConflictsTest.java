package io.rpik8s.model.plugin.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConflictsTest {

    private static KubernetesClientException status(int code) {
        return new KubernetesClientException("status " + code, code, null);
    }

    @Test
    void aChangeThatMetAConcurrentUpdateIsMadeAgainOnAFreshRead() {
        AtomicInteger calls = new AtomicInteger();
        String result = Conflicts.retry(() -> {
            if (calls.incrementAndGet() < 3) {
                throw status(409);
            }
            return "scaled";
        });
        assertThat(result).isEqualTo("scaled");
        assertThat(calls).hasValue(3);
    }

    @Test
    void otherErrorsAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Conflicts.retry(() -> {
            calls.incrementAndGet();
            throw status(422);
        })).isInstanceOf(KubernetesClientException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aConflictThatPersistsIsReportedAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Conflicts.retry(() -> {
            calls.incrementAndGet();
            throw status(409);
        })).isInstanceOf(KubernetesClientException.class);
        assertThat(calls).hasValue(Conflicts.ATTEMPTS);
    }
}
