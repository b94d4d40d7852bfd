package io.rpik8s.localrun.services;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A service running as a child JVM (its Quarkus fast-jar, or its shipped image: {@link ServiceProgram}): output goes
 * to {@code .local/logs/<name>.log}, and only error lines are echoed to the console, prefixed with the service name.
 */
public final class ServiceProcess {

    private static final Pattern ERROR_LINE = Pattern.compile("^(\\S+\\s+){0,2}(ERROR|FATAL)\\b.*");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final PlatformService service;
    private final int port;
    private final Path logFile;
    private Process process;
    private ProcessBuilder builder;

    public ServiceProcess(PlatformService service, int port, Path logFile) {
        this.service = service;
        this.port = port;
        this.logFile = logFile;
    }

    public PlatformService service() {
        return service;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    /** Starts the service with the pods' JVM flags and memory limit ({@link JvmSettings}). */
    public void start(Path serviceDir, ServiceProgram program, Map<String, String> environment, JvmSettings jvm,
            long limitMi) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(jvm.command(service.name(), limitMi, program.program(),
                program.arguments()))
                .directory(serviceDir.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().putAll(jvm.environment());
        this.builder = builder;
        launch();
    }

    /** Starts the service again as {@link #start} last did (after a crash or a kill), appending to its log. */
    public void restart() throws IOException {
        if (builder == null) {
            throw new IllegalStateException(service.name() + " was never started");
        }
        launch();
    }

    private void launch() throws IOException {
        // A restarted service keeps the log of its earlier life; a new run starts a new log.
        boolean restarted = process != null;
        process = builder.start();
        Thread pump = new Thread(() -> pumpOutput(restarted), service.name() + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    private void pumpOutput(boolean append) {
        String prefix = String.format("[%-18s] ", service.name());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter out = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                     append ? java.nio.file.StandardOpenOption.APPEND
                             : java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                if (ERROR_LINE.matcher(line).matches()) {
                    System.out.println(prefix + line);
                }
            }
        } catch (IOException e) {
            // The process ended or the log became unwritable; nothing left to pump.
        }
    }

    /** Polls {@code /q/health/ready} until it answers 200; false on timeout or when the process exits. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        return false;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public List<String> tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** SIGTERM first (Quarkus shuts down gracefully), then a kill after {@code grace}. */
    public void requestStop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** SIGKILL, as a crash or the OOM killer would, and waits until the process is gone. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    public void awaitStop(Duration grace) throws InterruptedException {
        if (process == null) {
            return;
        }
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
