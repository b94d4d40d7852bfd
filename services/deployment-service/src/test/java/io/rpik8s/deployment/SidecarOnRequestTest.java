package io.rpik8s.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code sidecar: true} gives the app's pod the platform sidecar, the way docs/extending.md adds it by hand. */
@QuarkusTest
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(PlatformTestResource.class)
class SidecarOnRequestTest {

    @SimulatedClusterResource.Inject
    TestCluster cluster;

    KubernetesClient kube;

    @BeforeEach
    void namespaces() {
        kube = cluster.kube();
        cluster.namespace("apps");
    }

    @Test
    void theSidecarGetsAProjectedTokenForThePlatformLoopbackOnlyAndSmallLimits() {
        given().header("Authorization", TestTokens.bearer(TestTokens.operator())).contentType(ContentType.JSON)
                .body(Map.of("name", "storefront", "namespace", "apps", "image", "registry.local:5000/team/shop:1.0.0",
                        "ports", List.of(Map.of("name", "http", "containerPort", 9000)),
                        "sidecar", true, "sidecarCallbackPath", "/platform-events"))
                .post("/api/v1/deployments").then().statusCode(201);

        Deployment d = kube.apps().deployments().inNamespace("apps").withName("storefront").get();
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("storefront", "platform-sidecar");
        Container sidecar = pod.getContainers().get(1);
        assertThat(sidecar.getImage()).isEqualTo("ghcr.io/rpi-k8s-platform/platform-sidecar:0.1.0");
        Map<String, String> env = sidecar.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertThat(env).containsEntry("SIDECAR_APP_NAME", "storefront")
                .containsEntry("SIDECAR_PLATFORM_URL", "http://monitoring-service.platform-system.svc:8082")
                .containsEntry("SIDECAR_CALLBACK_PATH", "/platform-events")
                .containsEntry("SIDECAR_CALLBACK_PORT", "9000");
        assertThat(sidecar.getEnv()).filteredOn(e -> e.getName().equals("SIDECAR_APP_NAMESPACE")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                        .isEqualTo("metadata.namespace"));
        assertThat(sidecar.getResources().getLimits().get("memory").toString()).isEqualTo("128Mi");
        assertThat(sidecar.getResources().getLimits().get("cpu").toString()).isEqualTo("200m");
        assertThat(sidecar.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(sidecar.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(sidecar.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(sidecar.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(sidecar.getLivenessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(8099);

        assertThat(sidecar.getVolumeMounts()).filteredOn(m -> m.getMountPath().startsWith("/var/run")).singleElement()
                .satisfies(m -> {
                    assertThat(m.getMountPath()).isEqualTo("/var/run/secrets/rpi-k8s.io/sidecar");
                    assertThat(m.getReadOnly()).isTrue();
                    var token = pod.getVolumes().stream().filter(v -> v.getName().equals(m.getName())).findFirst()
                            .orElseThrow().getProjected().getSources().get(0).getServiceAccountToken();
                    assertThat(token.getAudience()).isEqualTo("rpi-k8s-platform");
                    assertThat(token.getPath()).isEqualTo("token");
                    assertThat(token.getExpirationSeconds()).isEqualTo(3600L);
                });
        // The app's own container is untouched: it gets no token mount of the sidecar's.
        assertThat(pod.getContainers().get(0).getVolumeMounts()).isNullOrEmpty();
    }

    @Test
    void aCallbackPathWithoutTheSidecarIs400NamingTheField() {
        given().header("Authorization", TestTokens.bearer(TestTokens.operator())).contentType(ContentType.JSON)
                .body(Map.of("name", "nosidecar", "namespace", "apps", "image", "registry.local:5000/team/a:1",
                        "sidecarCallbackPath", "/platform-events"))
                .post("/api/v1/deployments").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("sidecarCallbackPath"));
        given().header("Authorization", TestTokens.bearer(TestTokens.operator())).contentType(ContentType.JSON)
                .body(Map.of("name", "badpath", "namespace", "apps", "image", "registry.local:5000/team/a:1",
                        "sidecar", true, "sidecarCallbackPath", "platform events?x=1"))
                .post("/api/v1/deployments").then().statusCode(400)
                .body("errors[0].field", equalTo("sidecarCallbackPath"));
        assertThat(kube.apps().deployments().inNamespace("apps").withName("nosidecar").get()).isNull();
    }
}
