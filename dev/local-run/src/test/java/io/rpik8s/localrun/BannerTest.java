package io.rpik8s.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpik8s.localrun.services.PlatformService;
import io.rpik8s.localrun.services.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BannerTest {

    private final LocalPaths paths = new LocalPaths(Path.of("/repo"), Path.of("/repo/.local"));

    @Test
    void swaggerIsOfferedForTheServicesWithARestApiOnlyNotForThePanel() {
        List<ServiceProcess> services = PlatformService.ALL.stream()
                .map(s -> new ServiceProcess(s, s.port(), Path.of("/repo/.local/logs/" + s.name() + ".log"))).toList();
        String banner = Banner.render(Map.of(), services, Map.of(), paths, true, false, false, Duration.ofSeconds(30));

        assertThat(banner).contains("swagger: http://127.0.0.1:8081/q/swagger-ui",
                "swagger: http://127.0.0.1:8084/q/swagger-ui", "open http://127.0.0.1:8081/q/swagger-ui");
        assertThat(banner).doesNotContain("8080/q/swagger-ui");
        assertThat(banner.lines().filter(l -> l.contains("control-panel") && l.contains("http://127.0.0.1:8080")))
                .singleElement().asString().contains("NOT READY", "log: .local/logs/control-panel.log");
    }

    @Test
    void withOnlyThePanelNoServiceApiIsSuggested() {
        PlatformService panel = PlatformService.ALL.get(4);
        String banner = Banner.render(Map.of(), List.of(new ServiceProcess(panel, 8080, Path.of("/repo/.local/p.log"))),
                Map.of("control-panel", true), paths, true, false, false, Duration.ofSeconds(3));

        assertThat(banner).doesNotContain("swagger", "/q/health/ready");
        assertThat(banner).contains("Control panel   http://127.0.0.1:8080   READY");
    }
}
