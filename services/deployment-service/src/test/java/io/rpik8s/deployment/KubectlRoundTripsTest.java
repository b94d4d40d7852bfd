package io.rpik8s.deployment;

import static io.rpik8s.deployment.DeploymentApiTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.Topics;
import io.rpik8s.testsupport.EventProbe;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.ReceivedEvent;
import io.rpik8s.testsupport.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl against the simulated cluster: what a user does to an app with it ({@code scale}, {@code set
 * image}, {@code rollout undo}, {@code rollout restart}, {@code delete}) is announced like the same change made
 * through the API, with {@code origin: cluster} and the manager the API server records for kubectl (its
 * {@code --field-manager}, or {@code kubectl} for the commands that have none); the platform's own changes once.
 * {@link KubectlChangesTest} makes the same writes against the Fabric8 mock.
 */
@QuarkusTest
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(PlatformTestResource.class)
class KubectlRoundTripsTest {

    private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
    static final String V1 = "registry.local:5000/team/tweaked:1";
    static final String V2 = "registry.local:5000/team/tweaked:2";

    @SimulatedClusterResource.Inject
    TestCluster cluster;

    @Test
    void scaleSetImageUndoRestartAndDeleteWithKubectlAreAnnouncedWithOriginClusterAndWhoDidIt() throws Exception {
        assumeTrue(Files.isExecutable(KUBECTL), "kubectl is not installed at /usr/bin/kubectl");
        Path home = Files.createTempDirectory("kubectl-home");
        cluster.simulated().writeKubeconfig(home.resolve("kubeconfig"));
        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            as(TestTokens.operator()).body(Map.of("name", "tweaked", "namespace", "apps", "image", V1))
                    .post("/api/v1/deployments").then().statusCode(201);
            // revision 1 rolled out: its ReplicaSet is what rollout undo goes back to
            probe.await(EventTypes.DEPLOYMENT_READY, e -> "apps/tweaked".equals(e.key()), Duration.ofSeconds(60));

            kubectl(home, "scale", "deployment/tweaked", "--replicas=3");
            ReceivedEvent scaled = fromCluster(probe, EventTypes.DEPLOYMENT_SCALED);
            assertThat(scaled.data().deployment().previousReplicas()).isEqualTo(1);
            assertThat(scaled.data().deployment().replicas()).isEqualTo(3);
            // kubectl scale and rollout undo send no field manager: the API server records kubectl's User-Agent
            assertThat(scaled.data().actor()).isEqualTo("kubectl");
            assertThat(scaled.data().deployment().plugin()).isEqualTo("container");

            kubectl(home, "set", "image", "deployment/tweaked", "*=" + V2);
            ReceivedEvent updated = fromCluster(probe, EventTypes.DEPLOYMENT_UPDATED);
            assertThat(updated.data().deployment().previousImage()).isEqualTo(V1);
            assertThat(updated.data().deployment().image()).isEqualTo(V2);
            assertThat(updated.data().actor()).isEqualTo("kubectl-set");

            // The event comes from the spec change; undo needs revision 2's ReplicaSet, which the controller makes
            // after it. Sent at once, kubectl finds "no rollout history", as on a real cluster: wait as
            // `kubectl rollout status` would, until the controller has observed the change.
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                var d = cluster.kube().apps().deployments().inNamespace("apps").withName("tweaked").get();
                return d.getStatus() != null && d.getStatus().getObservedGeneration() != null
                        && d.getStatus().getObservedGeneration() >= d.getMetadata().getGeneration();
            });
            kubectl(home, "rollout", "undo", "deployment/tweaked");
            ReceivedEvent rolledBack = fromCluster(probe, EventTypes.DEPLOYMENT_ROLLED_BACK);
            assertThat(rolledBack.data().deployment().revision()).isEqualTo(1L);
            assertThat(rolledBack.data().deployment().previousImage()).isEqualTo(V2);
            assertThat(rolledBack.data().deployment().image()).isEqualTo(V1);
            assertThat(rolledBack.data().actor()).isEqualTo("kubectl");

            kubectl(home, "rollout", "restart", "deployment/tweaked");
            assertThat(fromCluster(probe, EventTypes.DEPLOYMENT_RESTARTED).data().actor()).isEqualTo("kubectl-rollout");

            // the platform's own change: announced once, by the API
            as(TestTokens.operator()).body(Map.of("replicas", 2)).post("/api/v1/deployments/apps/tweaked/scale")
                    .then().statusCode(200);
            probe.await(EventTypes.DEPLOYMENT_SCALED, e -> "apps/tweaked".equals(e.key())
                    && "api".equals(e.data().deployment().origin()));

            kubectl(home, "delete", "deployment/tweaked");
            ReceivedEvent deleted = fromCluster(probe, EventTypes.DEPLOYMENT_DELETED);
            assertThat(deleted.data().deployment().previousReplicas()).isEqualTo(2);

            KubectlChangesTest.eachChangeAnnouncedOnce(probe);
        }
        as(TestTokens.viewer()).get("/api/v1/deployments/apps/tweaked/history").then().statusCode(200)
                .body("items.actor", hasItems("kubectl", "kubectl-set", "kubectl-rollout", "test-operator"));
    }

    private static ReceivedEvent fromCluster(EventProbe probe, String type) {
        return probe.await(type, e -> "apps/tweaked".equals(e.key())
                && "cluster".equals(e.data().deployment().origin()));
    }

    /** Runs kubectl in namespace apps with the kubeconfig of the simulated cluster, as a user would. */
    private static void kubectl(Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig",
                home.resolve("kubeconfig").toString(), "--cache-dir", home.resolve("cache").toString(), "-n", "apps"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl %s finished", String.join(" ", args)).isTrue();
        assertThat(p.exitValue()).as("kubectl %s: %s", String.join(" ", args), out).isZero();
    }
}
