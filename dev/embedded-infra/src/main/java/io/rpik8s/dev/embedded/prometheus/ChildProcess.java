package io.rpik8s.dev.embedded.prometheus;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Prometheus-family binary run as a child process on loopback, with its files in one directory. */
abstract class ChildProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;
    private final boolean ownsDir;

    ChildProcess(List<String> command, int port, Path dir, boolean ownsDir, String name) {
        this.port = port;
        this.dir = dir;
        this.ownsDir = ownsDir;
        try {
            this.process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(name);
    }

    /**
     * Polls {@code /-/ready} for up to a minute. The pause between polls is a wait for the process to exit, which
     * ends the wait early with its log when it dies. (No Awaitility: the local run ships without test libraries.)
     */
    private void awaitReady(String name) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            while (System.nanoTime() < deadline) {
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).timeout(Duration.ofSeconds(2))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // Not listening yet.
                }
                if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(name + " exited: " + Files.readString(dir.resolve(name + ".log")));
                }
            }
            close();
            throw new IllegalStateException(name + " was not ready on " + url() + " within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code binary} is installed (Debian's prometheus / prometheus-alertmanager packages). */
    static boolean installed(Path binary) {
        return Files.isExecutable(binary);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsDir) {
            deleteRecursively(dir.toFile());
        }
    }

    private static void deleteRecursively(File f) {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                deleteRecursively(c);
            }
        }
        f.delete();
    }
}
