package io.rpik8s.monitoring.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The Prometheus rule files the manifests ship (kubernetes/base-services/prometheus/rules), read from the checkout. */
public final class ShippedRules {

    private ShippedRules() {
    }

    public static Path dir() {
        Path dir = Paths.get(System.getProperty("platform.rules.dir", "../../kubernetes/base-services/prometheus/rules"))
                .toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("No rule files at " + dir + " (set -Dplatform.rules.dir)");
        }
        return dir;
    }

    /** Every rule file by name. */
    public static Map<String, String> files() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir())) {
            for (Path p : list.filter(p -> p.toString().endsWith(".yml")).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The files with every rule's {@code for:} set to {@code holdFor}, so a test sees them fire in seconds. */
    public static Map<String, String> withHoldFor(Duration holdFor) {
        Map<String, String> files = new TreeMap<>();
        files().forEach((name, text) -> files.put(name,
                text.replaceAll("(?m)^(\\s+)for: \\S+$", "$1for: " + holdFor.toMillis() + "ms")));
        return files;
    }
}
