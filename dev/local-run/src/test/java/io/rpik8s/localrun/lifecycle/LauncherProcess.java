package io.rpik8s.localrun.lifecycle;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The launcher as a user runs it: its packaged jar in a JVM of its own (what {@code run-local.sh} execs), with its
 * data in a directory of the test's, its console captured line by line.
 */
public final class LauncherProcess implements AutoCloseable {

    public static final Path MODULE = Path.of(System.getProperty("user.dir"));
    public static final Path REPOSITORY = MODULE.resolve("../..").normalize();
    private static final Pattern LOOPBACK_PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");
    /** Generous bounds: the start includes five JVMs on a loaded machine; they only fail a run that is stuck. */
    private static final Duration START_BOUND = Duration.ofMinutes(6);
    private static final Duration EXIT_BOUND = Duration.ofSeconds(90);

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread pump;

    private LauncherProcess(Process process) {
        this.process = process;
        pump = new Thread(this::pump, "launcher-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts the launcher with {@code args} and its data in {@code localDir}; no external infrastructure. */
    public static LauncherProcess start(Path localDir, String... args) throws IOException {
        // As from a terminal: SIGINT at its default. A build started as a background job (`mvnw verify &`, a CI
        // runner's shell) passes SIGINT on ignored, and a JVM started so never sees Ctrl-C; Java cannot undo that,
        // so perl (Debian's perl-base is always there) resets it and execs the JVM, same process.
        List<String> command = new ArrayList<>(List.of("perl", "-e",
                "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"exec $ARGV[0]: $!\\n\";",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + MODULE.resolve("launcher.jvm-options"), "-Dlocalrun.root=" + REPOSITORY,
                "-Dlocalrun.local-dir=" + localDir,
                "-jar", MODULE.resolve("target/local-run.jar").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(REPOSITORY.toFile());
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        // Everything embedded: nothing of the test machine's own configuration.
        for (String name : List.of("KUBECONFIG", "KAFKA_BOOTSTRAP_SERVERS", "PLATFORM_DB_URL", "PLATFORM_STORAGE_S3_ENDPOINT",
                "PROMETHEUS_URL", "OTEL_EXPORTER_OTLP_ENDPOINT", "PLATFORM_AUTH_SIGNING_KEY")) {
            builder.environment().remove(name);
        }
        builder.environment().put("PLATFORM_LOCAL_PROMETHEUS", "stand-in");
        return new LauncherProcess(builder.start());
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    /** Waits for the banner the launcher prints once everything is up; fails with the console's tail. */
    public LauncherProcess awaitBanner() {
        try {
            await().atMost(START_BOUND).pollInterval(Duration.ofMillis(500))
                    .until(() -> output().contains("Press Ctrl-C to stop everything.") || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("No banner within " + START_BOUND + "; the launcher's console ends with:\n" + tail());
        }
        if (!process.isAlive()) {
            throw new AssertionError("The launcher exited with " + process.exitValue() + " before its banner:\n" + tail());
        }
        return this;
    }

    /** The loopback ports the launcher's console names (the infrastructure's and the services'). */
    Set<Integer> announcedPorts() {
        Set<Integer> ports = new TreeSet<>();
        Matcher m = LOOPBACK_PORT.matcher(output());
        while (m.find()) {
            ports.add(Integer.parseInt(m.group(1)));
        }
        return ports;
    }

    List<ProcessHandle> children() {
        return process.descendants().toList();
    }

    /** SIGTERM, as {@code kill PID} or a service manager sends it. */
    public void terminate() {
        // Through the handle: Process.destroy() would also close our end of its output, losing its last lines.
        process.toHandle().destroy();
    }

    /** SIGINT, as Ctrl-C in the terminal sends it. */
    void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -INT " + process.pid() + " failed");
        }
    }

    /** Waits for the launcher to exit; fails with the console's tail if it does not. Answers the exit code. */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("The launcher did not exit within " + EXIT_BOUND + "; its console ends with:\n" + tail());
        }
        // Its last lines may still be in the pipe: read them to the end.
        pump.join(EXIT_BOUND.toMillis());
        return process.exitValue();
    }

    public String output() {
        return String.join("\n", lines);
    }

    String tail() {
        List<String> all = new ArrayList<>(lines);
        return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
