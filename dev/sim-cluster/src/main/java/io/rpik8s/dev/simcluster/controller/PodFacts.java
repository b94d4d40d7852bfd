package io.rpik8s.dev.simcluster.controller;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;

/** What the simulated kubelet writes about a pod besides its lifecycle: QoS class, IPs, ids, messages. */
final class PodFacts {

    private PodFacts() {
    }

    static String Ages(long seconds) {
        return seconds >= 60 ? (seconds / 60) + "m" + (seconds % 60 == 0 ? "" : (seconds % 60) + "s") : seconds + "s";
    }

    static String qos(Pod pod) {
        boolean any = pod.getSpec().getContainers().stream().anyMatch(c -> c.getResources() != null
                && ((c.getResources().getRequests() != null && !c.getResources().getRequests().isEmpty())
                || (c.getResources().getLimits() != null && !c.getResources().getLimits().isEmpty())));
        return any ? "Burstable" : "BestEffort";
    }

    static String podIp(Pod pod, Node node) {
        String cidr = node == null || node.getSpec().getPodCIDR() == null ? "10.42.0.0/24" : node.getSpec().getPodCIDR();
        String prefix = cidr.substring(0, cidr.lastIndexOf('.'));
        return prefix + "." + (2 + Math.abs(pod.getMetadata().getUid().hashCode()) % 250);
    }

    static String notFound(String image) {
        return "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/" + image
                + "\": failed to resolve reference \"docker.io/" + image + "\": docker.io/" + image + ": not found";
    }

    static String containerId(Pod pod, Container c, int attempt) {
        return "containerd://" + hex(pod.getMetadata().getUid() + c.getName() + attempt);
    }

    static String imageId(String image) {
        return "docker.io/" + (image.contains("@") ? image : image.replaceAll(":[^:/]*$", "")) + "@sha256:" + hex(image);
    }

    static String hex(String seed) {
        StringBuilder b = new StringBuilder();
        long h = seed.hashCode();
        while (b.length() < 64) {
            h = h * 6364136223846793005L + 1442695040888963407L;
            b.append(String.format("%016x", h));
        }
        return b.substring(0, 64);
    }
}
