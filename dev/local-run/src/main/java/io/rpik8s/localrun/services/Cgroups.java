package io.rpik8s.localrun.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates a memory-limited cgroup: {@code memory.max} on cgroup v2, {@code memory.limit_in_bytes} on v1. */
final class Cgroups {

    private Cgroups() {
    }

    static Path limited(Path dir, long limitMi) throws IOException {
        Files.createDirectories(dir);
        String bytes = String.valueOf(limitMi * 1024 * 1024);
        if (Files.exists(dir.resolve("memory.max"))) {
            Files.writeString(dir.resolve("memory.max"), bytes);
            // a pod has no swap on k3s by default: neither does the service here
            if (Files.exists(dir.resolve("memory.swap.max"))) {
                Files.writeString(dir.resolve("memory.swap.max"), "0");
            }
        } else if (Files.exists(dir.resolve("memory.limit_in_bytes"))) {
            Files.writeString(dir.resolve("memory.limit_in_bytes"), bytes);
        } else {
            throw new IllegalStateException(dir + " is not a cgroup with the memory controller (no memory.max nor "
                    + "memory.limit_in_bytes): on cgroup v2 enable it in the parent's cgroup.subtree_control");
        }
        return dir;
    }
}
