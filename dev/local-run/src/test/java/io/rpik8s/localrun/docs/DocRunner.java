package io.rpik8s.localrun.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the script of one document with bash in a working directory that looks like the repository root to its
 * commands (the checkout's files, and {@code .local/} of the running local run), and says what failed.
 */
final class DocRunner {

    private static final Pattern FAILED = Pattern.compile("^" + DocScript.MARKER + "failed (\\d+): (.*)$");
    private static final Duration BOUND = Duration.ofMinutes(5);

    private final Path workDir;

    DocRunner(Path workDir) {
        this.workDir = workDir;
    }

    /** A working directory with a link to every entry of {@code repository} and {@code .local} linked to {@code local}. */
    static DocRunner inCopyOf(Path repository, Path local, Path workDir) throws IOException {
        try (var entries = Files.list(repository)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.equals(".local") && !name.equals(".git")) {
                    Files.createSymbolicLink(workDir.resolve(name), entry);
                }
            }
        }
        Files.createSymbolicLink(workDir.resolve(".local"), local);
        Files.createDirectories(workDir.resolve("home"));
        return new DocRunner(workDir);
    }

    /** Runs the document's commands; answers the failure's description, or empty when every command worked. */
    Optional<String> run(DocScript script) throws IOException, InterruptedException {
        String base = script.document().replaceAll("[^A-Za-z0-9]+", "-");
        Path prelude = Files.writeString(workDir.resolve("home").resolve(base + ".prelude.sh"), script.prelude());
        Path file = Files.writeString(workDir.resolve("home").resolve(base + ".sh"), script.script());
        Path log = workDir.resolve("home").resolve(base + ".out");
        ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // Nothing of the test machine's own configuration: the documents say which kubeconfig and token they use.
        builder.environment().remove("KUBECONFIG");
        builder.environment().put("HOME", workDir.resolve("home").toString());
        builder.environment().put("BASH_ENV", prelude.toString());
        Process bash = builder.start();
        boolean ended;
        try {
            ended = bash.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS);
        } finally {
            // Whatever a command left running in the background ends with its document.
            bash.descendants().forEach(ProcessHandle::destroyForcibly);
            bash.destroyForcibly();
        }
        List<String> lines = List.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n", -1));
        if (!ended) {
            return Optional.of(script.document() + ": still running after " + BOUND + "\n" + tail(lines, lines.size()));
        }
        for (int i = 0; i < lines.size(); i++) {
            Matcher failed = FAILED.matcher(lines.get(i));
            if (failed.matches()) {
                int line = Integer.parseInt(failed.group(1));
                return Optional.of(script.document() + ":" + line + ": " + failed.group(2) + "\n  $ "
                        + script.line(line) + "\n" + tail(lines, i));
            }
        }
        return bash.exitValue() == 0 ? Optional.empty()
                : Optional.of(script.document() + ": bash exited with " + bash.exitValue() + "\n" + tail(lines, lines.size()));
    }

    /** The output of the command before line {@code end}: everything after the last line marker, at most 40 lines. */
    private static String tail(List<String> lines, int end) {
        List<String> output = new ArrayList<>();
        for (int i = end - 1; i >= 0 && output.size() < 40; i--) {
            // Contains, not starts with: an answer without a final newline puts the next marker at the end of its line.
            if (lines.get(i).contains(DocScript.MARKER + "line ")) {
                break;
            }
            String line = lines.get(i);
            output.add(0, "  | " + (line.length() > 300 ? line.substring(0, 300) + " ..." : line));
        }
        return String.join("\n", output);
    }
}
