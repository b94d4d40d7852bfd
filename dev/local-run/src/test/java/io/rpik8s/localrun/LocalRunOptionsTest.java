package io.rpik8s.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The launcher's own options: what a user types after {@code ./run-local.sh}. */
class LocalRunOptionsTest {

    @Test
    void readsTheDocumentedOptions() {
        LocalRunOptions o = LocalRunOptions.parse(new String[] {"--fresh", "--services", "deployment-service, control-panel",
                "--api-port", "7443", "--no-build"});

        assertThat(o.fresh()).isTrue();
        assertThat(o.services()).isEqualTo(Set.of("deployment-service", "control-panel"));
        assertThat(o.apiPort()).isEqualTo(7443);
        assertThat(o.includes("monitoring-service")).isFalse();
        assertThat(LocalRunOptions.parse(new String[0]).fresh()).as("a plain start keeps the data").isFalse();
    }

    @Test
    void wrongOptionsAreOneLineMessages() {
        assertThatThrownBy(() -> LocalRunOptions.parse(new String[] {"--frsh"})).hasMessage("unknown option --frsh");
        assertThatThrownBy(() -> LocalRunOptions.parse(new String[] {"--api-port"})).hasMessage("--api-port needs a value");
        assertThatThrownBy(() -> LocalRunOptions.parse(new String[] {"--api-port", "http"}))
                .hasMessage("--api-port must be a port number (1-65535), not 'http'");
    }
}
