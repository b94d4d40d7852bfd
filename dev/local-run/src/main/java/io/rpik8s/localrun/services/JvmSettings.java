package io.rpik8s.localrun.services;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a service's JVM starts in the local run: with the platform's flags from
 * {@code kubernetes/management/common/jvm.env} (the one place they are set, ADR 0001) and the memory limit its pod
 * gets in {@code kubernetes/management/<service>/deployment.yaml}. The limit is either emulated for heap sizing
 * ({@code -XX:MaxRAM}) or, with a cgroup directory, enforced by the kernel (deploy/bench/memory-under-limit).
 *
 * @param environment the variables of jvm.env ({@code JAVA_TOOL_OPTIONS}, {@code MALLOC_ARENA_MAX}), passed to each
 *                    service's process like the pods' ConfigMap does
 * @param cgroupRoot  a cgroup (v2, or v1 memory) under which each service gets its own limited child; null for none
 */
public record JvmSettings(Map<String, String> environment, Path cgroupRoot) {

    /** The first memory limit of a container's resources in a Deployment manifest. */
    private static final Pattern MEMORY_LIMIT = Pattern.compile("limits:\\s*\\{[^}]*memory:\\s*(\\d+)Mi");

    public static JvmSettings read(Path repositoryRoot, Path cgroupRoot) throws IOException {
        Properties env = new Properties();
        try (Reader in = Files.newBufferedReader(jvmEnv(repositoryRoot))) {
            env.load(in);
        }
        String flags = env.getProperty("JAVA_TOOL_OPTIONS");
        if (flags == null || flags.isBlank()) {
            throw new IllegalStateException(jvmEnv(repositoryRoot) + " sets no JAVA_TOOL_OPTIONS");
        }
        Map<String, String> environment = new TreeMap<>();
        env.stringPropertyNames().forEach(name -> environment.put(name, env.getProperty(name).strip()));
        return new JvmSettings(Map.copyOf(environment), cgroupRoot);
    }

    /** The JVM flags, as {@code JAVA_TOOL_OPTIONS}. */
    public String javaToolOptions() {
        return environment.get("JAVA_TOOL_OPTIONS");
    }

    static Path jvmEnv(Path repositoryRoot) {
        return repositoryRoot.resolve("kubernetes/management/common/jvm.env");
    }

    /**
     * The memory limit (MiB) of the service's pod, as its manifest sets it, or {@code LOCALRUN_MEMORY_LIMIT_MI} for
     * every service (deploy/bench/memory-under-limit --limit measures under a limit other than the shipped one).
     */
    public static long podMemoryLimitMi(Path repositoryRoot, String service) throws IOException {
        String override = System.getenv("LOCALRUN_MEMORY_LIMIT_MI");
        if (override != null && !override.isBlank()) {
            return Long.parseLong(override.strip());
        }
        Path manifest = repositoryRoot.resolve("kubernetes/management").resolve(service).resolve("deployment.yaml");
        Matcher m = MEMORY_LIMIT.matcher(Files.readString(manifest));
        if (!m.find()) {
            throw new IllegalStateException(manifest + " has no memory limit in Mi");
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * The command that starts a service's JVM ({@code program}: java, or an image's run script) with the pod's limit:
     * inside its own cgroup when there is a cgroup root (the JVM then reads the limit itself), else with
     * {@code -XX:MaxRAM} so that the heap is sized as in the pod.
     */
    List<String> command(String service, long limitMi, Path program, List<String> rest) throws IOException {
        List<String> command = new ArrayList<>();
        if (cgroupRoot != null) {
            Path cgroup = Cgroups.limited(cgroupRoot.resolve(service), limitMi);
            // the shell joins the cgroup, then becomes the JVM: every byte the JVM maps is charged to the limit
            command.addAll(List.of("sh", "-c", "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"", cgroup.toString()));
            command.add(program.toString());
        } else {
            command.addAll(List.of(program.toString(), "-XX:MaxRAM=" + limitMi + "m"));
        }
        command.addAll(rest);
        return command;
    }
}
