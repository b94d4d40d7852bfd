package io.rpik8s.dev.simcluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.rpik8s.dev.simcluster.controller.SimulatedController;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** The whole simulated k3s cluster: API server, seed data, controllers, and a kubeconfig pointing at it. */
public final class SimulatedCluster implements AutoCloseable {

    public static final String CONTEXT = "rpi-k8s-simulated";
    /** The User-Agent of the cluster's own controllers, which k3s runs in its one binary (manager {@code k3s}). */
    public static final String USER_AGENT_PREFIX = "k3s/";
    private static final String USER_AGENT = USER_AGENT_PREFIX + SimulatedApiServer.KUBERNETES_VERSION
            + " (linux/arm64) kubernetes/simulated";
    private static final String TOKEN = "simulated-cluster-admin";

    private final SimulatedApiServer api = new SimulatedApiServer();
    private KubernetesClient client;
    private SimulatedController controller;
    private ClusterState state;
    private int restored;

    /** Starts on {@code preferredPort} (or a free one), seeds it with the CRDs of {@code crdDirectory}, runs the controllers. */
    public SimulatedCluster start(int preferredPort, Path crdDirectory) {
        return start(preferredPort, crdDirectory, null);
    }

    /**
     * As {@link #start(int, Path)}, with the objects an earlier run saved in {@code state} put back before the
     * controllers start, and this run's objects saved there on {@link #close()}; {@code state} may be null.
     */
    public SimulatedCluster start(int preferredPort, Path crdDirectory, ClusterState state) {
        this.state = state;
        api.start(preferredPort);
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(api.url()).withOauthToken(TOKEN).withNamespace("default").withUserAgent(USER_AGENT)
                .withRequestTimeout(10_000).withConnectionTimeout(5_000).build()).build();
        new ClusterSeeder(client).seed(crdDirectory);
        if (state != null) {
            try {
                restored = state.restore(api.store());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Cannot read the saved cluster state", e);
            }
        }
        controller = new SimulatedController(client);
        controller.start();
        return this;
    }

    /** How many objects of an earlier run {@link #start(int, Path, ClusterState)} put back. */
    public int restoredObjects() {
        return restored;
    }

    public String url() {
        return api.url();
    }

    /** The API server itself, to take it down and bring it back in fault tests. */
    public SimulatedApiServer api() {
        return api;
    }

    /** The cluster's controllers (Deployments, ReplicaSets, the kubelet, volumes), to take them down in fault tests. */
    public SimulatedController controllers() {
        return controller;
    }

    public KubernetesClient client() {
        return client;
    }

    public void writeKubeconfig(Path file) throws IOException {
        PrivateFiles.write(file, kubeconfig(api.url()));
    }

    static String kubeconfig(String server) {
        return """
                # Simulated k3s cluster of the rpi-k8s-platform local run (not real hardware).
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s-admin
                    namespace: default
                current-context: %1$s
                users:
                - name: %1$s-admin
                  user:
                    token: %3$s
                """.formatted(CONTEXT, server, TOKEN);
    }

    @Override
    public void close() {
        if (controller != null) {
            controller.close();
        }
        if (client != null) {
            client.close();
        }
        if (state != null) {
            try {
                state.save(api.store());
            } catch (IOException e) {
                LoggerFactory.getLogger(SimulatedCluster.class).warn("Cannot save the cluster state: {}", e.getMessage());
            }
        }
        api.close();
    }
}
