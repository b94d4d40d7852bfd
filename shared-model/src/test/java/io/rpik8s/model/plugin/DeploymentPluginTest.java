package io.rpik8s.model.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeploymentPluginTest {

    /** A plugin written before the change operations existed: only deploy, status, delete. */
    static class OldPlugin implements DeploymentPlugin {
        @Override
        public String name() {
            return "old";
        }

        @Override
        public Uni<DeploymentResult> deploy(DeploymentConfig config) {
            return Uni.createFrom().nullItem();
        }

        @Override
        public Uni<DeploymentResult> status(AppRef app) {
            return Uni.createFrom().nullItem();
        }

        @Override
        public Uni<Void> delete(AppRef app) {
            return Uni.createFrom().voidItem();
        }
    }

    @Test
    void aPluginWithoutTheChangeOperationsSupportsNoneAndSaysWhichOneIsMissing() {
        OldPlugin plugin = new OldPlugin();
        AppRef app = new AppRef("apps", "a");
        assertThat(plugin.supportedOperations()).isEmpty();
        assertThatThrownBy(() -> plugin.scale(app, 2).await().atMost(Duration.ofSeconds(1)))
                .isInstanceOf(PluginOperationUnsupported.class)
                .hasMessage("The old plugin does not support scale")
                .satisfies(e -> assertThat(((PluginOperationUnsupported) e).operation())
                        .isEqualTo(PluginOperation.SCALE));
        assertThatThrownBy(() -> plugin.rollback(app, null).await().atMost(Duration.ofSeconds(1)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("rollback");
        assertThatThrownBy(() -> plugin.update(app, new AppUpdate("x:1", null)).await().atMost(Duration.ofSeconds(1)))
                .hasMessageContaining("update");
        assertThatThrownBy(() -> plugin.restart(app).await().atMost(Duration.ofSeconds(1)))
                .hasMessageContaining("restart");
        assertThatThrownBy(() -> plugin.revisions(app).await().atMost(Duration.ofSeconds(1)))
                .hasMessageContaining("revisions");
    }
}
