package io.rpik8s.dev.simcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl against the simulated API, when kubectl is installed. */
class KubectlAgainstSimulatedClusterTest {

    private static final Path KUBECTL = Path.of("/usr/bin/kubectl");

    @TempDir
    Path home;

    @Test
    void kubectlListsTheFourSimulatedNodes() throws Exception {
        assumeTrue(Files.isExecutable(KUBECTL), "kubectl is not installed at /usr/bin/kubectl: skipping the kubectl check");
        SimulatedCluster cluster = SharedCluster.get();
        Path kubeconfig = home.resolve("kubeconfig");
        cluster.writeKubeconfig(kubeconfig);

        assertEquals(List.of("node/pi-master", "node/pi-worker-1", "node/pi-worker-2", "node/pi-worker-3"),
                kubectl(kubeconfig, "get", "nodes", "-o", "name").lines().toList());

        List<String> table = kubectl(kubeconfig, "get", "nodes").lines().toList();
        assertTrue(table.get(0).matches("NAME\\s+STATUS\\s+ROLES\\s+AGE\\s+VERSION"), table.get(0));
        assertEquals(5, table.size(), String.join("\n", table));
        assertTrue(table.get(1).matches("pi-master\\s+Ready\\s+control-plane,master\\s+\\S+\\s+v1\\.31\\.\\d+\\+k3s1"), table.get(1));
    }

    private String kubectl(Path kubeconfig, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", home.resolve("cache").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "kubectl timed out");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
