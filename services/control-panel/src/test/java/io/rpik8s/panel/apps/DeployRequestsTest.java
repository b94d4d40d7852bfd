package io.rpik8s.panel.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rpik8s.panel.upstream.AppDtos.DeployRequest;
import io.rpik8s.panel.upstream.AppDtos.EnvVar;
import io.rpik8s.panel.upstream.ServiceProblem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployRequestsTest {

    @Test
    void theContainerFormBecomesTheServicesRequest() {
        DeployForm form = new DeployForm();
        form.name = " web ";
        form.image = "nginx:1.27";
        form.replicas = "2";
        form.env = "MODE=prod\n\nURL=http://x/?a=b\n";
        form.memoryLimit = "128Mi";
        form.labels = "team=ml";
        form.servicePort = "80";

        DeployRequest request = DeployRequests.from(form);
        assertThat(request.name()).isEqualTo("web");
        assertThat(request.replicas()).isEqualTo(2);
        assertThat(request.env()).containsExactly(new EnvVar("MODE", "prod"), new EnvVar("URL", "http://x/?a=b"));
        assertThat(request.resources().limits()).isEqualTo(Map.of("memory", "128Mi"));
        assertThat(request.resources().requests()).isNull();
        assertThat(request.labels()).isEqualTo(Map.of("team", "ml"));
        assertThat(request.service().port()).isEqualTo(80);
        assertThat(request.config()).isNull();
    }

    @Test
    void theManifestPluginGetsItsDocumentsAsSettings() {
        DeployForm form = new DeployForm();
        form.name = "bundle";
        form.plugin = "manifest";
        form.settings = "apiVersion: v1\nkind: ConfigMap\n";
        DeployRequest request = DeployRequests.from(form);
        assertThat(request.config()).isEqualTo(Map.of("manifests", "apiVersion: v1\nkind: ConfigMap\n"));
        assertThat(request.env()).isNull();
        assertThat(request.image()).isNull();
    }

    @Test
    void whatAFormCannotSendIsAFieldError() {
        DeployForm notANumber = new DeployForm();
        notANumber.replicas = "two";
        assertThatThrownBy(() -> DeployRequests.from(notANumber)).isInstanceOfSatisfying(ServiceProblem.class,
                p -> assertThat(p.fieldError("replicas")).isEqualTo("must be a whole number"));

        DeployForm badEnv = new DeployForm();
        badEnv.env = "JUST_A_NAME";
        assertThatThrownBy(() -> DeployRequests.from(badEnv)).isInstanceOfSatisfying(ServiceProblem.class,
                p -> assertThat(p.fieldError("env")).contains("KEY=value"));

        DeployForm badSettings = new DeployForm();
        badSettings.plugin = "cronjob";
        badSettings.settings = "{not json";
        assertThatThrownBy(() -> DeployRequests.from(badSettings)).isInstanceOfSatisfying(ServiceProblem.class,
                p -> assertThat(p.fieldError("config")).contains("JSON object"));
    }
}
