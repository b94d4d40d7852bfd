package io.rpik8s.localrun.services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What runs a service in the local run: by default the launcher's own JVM with the service's fast-jar from
 * {@code target/}; with {@code LOCALRUN_SERVICE_IMAGES} set, the shipped image's own JVM, entrypoint and flags through
 * the {@code run} script that {@code deploy/images/local-run-images} wrote for it (deploy/bench/memory-under-limit
 * --images measures the images this way).
 *
 * @param program   the executable
 * @param arguments what the local run adds: its configuration profile, then the images' initial heap and the jar
 *                  when the program is a JVM
 * @param source    what must exist for the service to start, named in the warning when it does not
 */
public record ServiceProgram(Path program, List<String> arguments, Path source) {

    private static final String PROFILE = "-Dquarkus.profile=local";
    /**
     * The initial heap of the images' entrypoint (deploy/images/add-aot-cache). Without it the heap starts at a 64th
     * of the limit and, with jvm.env's MinHeapFreeRatio=10, grows by a little at each full collection: 10-13 of them
     * during a service's start, 0.5 s of it for the dispatcher (docs/benchmarks.md).
     */
    private static final String INITIAL_HEAP = "-Xms16m";

    /** The program for {@code service} built in {@code serviceDir}, or from {@code imagesDir} when not null. */
    public static ServiceProgram of(String service, Path serviceDir, Path imagesDir) {
        if (imagesDir != null) {
            Path run = imagesDir.resolve(service).resolve("run");
            return new ServiceProgram(run, List.of(PROFILE), run);
        }
        Path jar = serviceDir.resolve("target/quarkus-app/quarkus-run.jar");
        return new ServiceProgram(Path.of(System.getProperty("java.home"), "bin", "java"),
                List.of(PROFILE, INITIAL_HEAP, "-jar", jar.toString()), jar);
    }

    /** The directory named by {@code LOCALRUN_SERVICE_IMAGES}, or null to run the services built in target/. */
    public static Path imagesDir() {
        String dir = System.getenv("LOCALRUN_SERVICE_IMAGES");
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    public boolean exists() {
        return Files.exists(source);
    }
}
