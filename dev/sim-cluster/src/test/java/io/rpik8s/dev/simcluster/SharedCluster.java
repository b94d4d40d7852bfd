package io.rpik8s.dev.simcluster;

import java.nio.file.Path;

/** One simulated cluster shared by the tests of this module (it takes a few seconds to seed). */
public final class SharedCluster {

    private static SimulatedCluster cluster;

    private SharedCluster() {
    }

    public static synchronized SimulatedCluster get() {
        if (cluster == null) {
            // A faster simulated kubelet and controller keep the rollout tests short.
            System.setProperty("localrun.kubelet.time-scale", "0.2");
            System.setProperty("localrun.controller.period-ms", "150");
            cluster = new SimulatedCluster().start(Loopback.free(), Path.of("../../kubernetes/crds"));
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        }
        return cluster;
    }
}
