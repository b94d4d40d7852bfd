package io.rpik8s.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code ./run-local.sh} answers {@code --help} and a wrong option at once, before any build. */
class RunLocalScriptTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();

    private record Result(int exit, String out, String err) {
    }

    @Test
    void helpListsEveryOptionOfTheLauncherWithoutBuilding() throws Exception {
        Result help = run("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).doesNotContain("Building");
        Matcher option = Pattern.compile("(?m)^\\s+(--[a-z-]+)").matcher(LocalRunOptions.USAGE);
        int options = 0;
        while (option.find()) {
            assertThat(help.out()).as("run-local.sh --help names %s", option.group(1)).contains(option.group(1));
            options++;
        }
        assertThat(options).as("options in the launcher's usage").isGreaterThanOrEqualTo(5);
    }

    @Test
    void anUnknownOptionIsOneClearLineAndExitCodeTwo() throws Exception {
        Result wrong = run("--no-biuld");

        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.out()).isEmpty();
        assertThat(wrong.err().strip()).doesNotContain("\n").contains("unknown option '--no-biuld'").contains("--help");
    }

    @Test
    void anOptionWithoutItsValueIsRefusedToo() throws Exception {
        Result wrong = run("--services");

        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err().strip()).isEqualTo(
                "run-local.sh: --services needs a value (./run-local.sh --help lists the options)");
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(REPOSITORY.resolve("run-local.sh").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        // Both streams are a few lines: read them after the exit.
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("run-local.sh " + String.join(" ", args) + " did not answer (did it start a build?)");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
