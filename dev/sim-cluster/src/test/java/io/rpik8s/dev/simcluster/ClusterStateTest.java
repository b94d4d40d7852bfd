package io.rpik8s.dev.simcluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated cluster keeps its objects across a stop and a start, as the database and S3 of the local run do. */
class ClusterStateTest {

    private static final Path CRDS = Path.of("../../kubernetes/crds");

    @TempDir
    Path dir;

    @Test
    void objectsOfTheLastRunComeBackAsTheyWereAndNewWritesGetNewerVersions() throws Exception {
        ClusterState state = new ClusterState(dir.resolve("cluster/objects.json"));
        String uid;
        String version;
        try (SimulatedCluster first = new SimulatedCluster().start(Loopback.free(), CRDS, state)) {
            first.client().resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build())
                    .create();
            uid = first.client().resource(new SecretBuilder().withNewMetadata().withName("db").withNamespace("team-a")
                    .endMetadata().addToStringData("password", "s3cret-value").build()).create().getMetadata().getUid();
            version = first.client().secrets().inNamespace("team-a").withName("db").get().getMetadata()
                    .getResourceVersion();
        }
        assertThat(dir.resolve("cluster/objects.json")).exists();

        try (SimulatedCluster second = new SimulatedCluster().start(Loopback.free(), CRDS, state)) {
            assertThat(second.restoredObjects()).isPositive();
            var secret = second.client().secrets().inNamespace("team-a").withName("db").get();
            assertThat(secret.getMetadata().getUid()).isEqualTo(uid);
            assertThat(secret.getMetadata().getResourceVersion()).isEqualTo(version);
            assertThat(second.client().namespaces().withName("team-a").get()).isNotNull();
            assertThat(second.client().nodes().list().getItems()).as("the seeded nodes, once each").hasSize(4);
            String newer = second.client().resource(new ConfigMapBuilder().withNewMetadata().withName("later")
                    .withNamespace("team-a").endMetadata().build()).create().getMetadata().getResourceVersion();
            assertThat(Long.parseLong(newer)).isGreaterThan(Long.parseLong(version));
        }

        state.delete();
        try (SimulatedCluster fresh = new SimulatedCluster().start(Loopback.free(), CRDS, state)) {
            assertThat(fresh.restoredObjects()).isZero();
            assertThat(fresh.client().secrets().inNamespace("team-a").withName("db").get()).isNull();
        }
        assertThat(Files.exists(dir.resolve("cluster/objects.json"))).as("saved again at the stop").isTrue();
    }
}
