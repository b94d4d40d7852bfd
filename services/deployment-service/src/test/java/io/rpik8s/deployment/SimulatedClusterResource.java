package io.rpik8s.deployment;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.rpik8s.dev.simcluster.Loopback;
import io.rpik8s.dev.simcluster.SimulatedCluster;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.Map;

/**
 * The service's Kubernetes API is the simulated cluster of {@code dev/sim-cluster}, in-process on a free port: its
 * controllers make the ReplicaSets, pods, status and events, and its API server refuses what a real one refuses.
 * A test class gets it with {@code @WithTestResource(SimulatedClusterResource.class)} and a field
 * {@code @SimulatedClusterResource.Inject TestCluster cluster}.
 */
public class SimulatedClusterResource implements QuarkusTestResourceLifecycleManager {

    /** Marks the {@link TestCluster} field the resource fills in. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    /** The tests' own client names itself, so the API server records its writes under this manager. */
    static final String TEST_CLIENT = "deployment-service-tests";

    private SimulatedCluster simulated;
    private TestCluster cluster;

    @Override
    public Map<String, String> start() {
        // A faster simulated kubelet and controller keep the rollouts of the tests short.
        System.setProperty("localrun.kubelet.time-scale", "0.2");
        System.setProperty("localrun.controller.period-ms", "150");
        simulated = new SimulatedCluster().start(Loopback.free(), Path.of("../../kubernetes/crds"));
        KubernetesClient kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(simulated.url()).withNamespace("default").withAutoConfigure(false)
                .withUserAgent(TEST_CLIENT + "/1.0").build()).build();
        cluster = new TestCluster(simulated, kube);
        return Map.of("quarkus.kubernetes-client.api-server-url", simulated.url(),
                "quarkus.kubernetes-client.trust-certs", "true",
                "quarkus.kubernetes-client.namespace", "default",
                "quarkus.kubernetes-client.devservices.enabled", "false");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(cluster, new TestInjector.AnnotatedAndMatchesType(Inject.class, TestCluster.class));
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.kube().close();
        }
        if (simulated != null) {
            simulated.close();
        }
    }
}
