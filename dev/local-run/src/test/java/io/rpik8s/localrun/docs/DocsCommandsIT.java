package io.rpik8s.localrun.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpik8s.localrun.lifecycle.LauncherProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of the docs works as written against a local run: one local run (the packaged services, as
 * {@code ./run-local.sh --no-build} starts them), then the runnable shell blocks of each document in order, with
 * bash, from a directory that looks like the checkout. The convention (which blocks run, how a block states the
 * status it expects, how a block is skipped and why) is in docs/operations.md, "Commands in these docs are tested".
 */
@Order(0)
class DocsCommandsIT {

    /**
     * The addresses the documents' commands use: the local run's preferred ports, free while the port lock is held.
     * Not the panel's 8080: no runnable block calls it, and in a build from scratch the panel is packaged after this
     * module (its browser tests start the local run), so here it is not there yet.
     */
    private static final List<String> DOCUMENTED = List.of("http://127.0.0.1:8081", "http://127.0.0.1:8082",
            "http://127.0.0.1:8083", "http://127.0.0.1:8084", "127.0.0.1:9000", "127.0.0.1:4318");

    @TempDir
    Path local;

    @TempDir
    Path workDir;

    /** The banner's links to a page or an API (an address with a path) that answer 404 or a server error. */
    private static List<String> brokenLinks(String banner) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<String> broken = new ArrayList<>();
        Matcher link = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/[^\\s)]+").matcher(banner);
        while (link.find()) {
            int status = http.send(HttpRequest.newBuilder(URI.create(link.group())).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 404 || status >= 500) {
                broken.add(link.group() + " answered " + status);
            }
        }
        return broken;
    }

    @Test
    void everyRunnableCommandOfTheDocsWorksAgainstTheLocalRun() throws Exception {
        Path root = LauncherProcess.REPOSITORY;
        try (LauncherProcess run = LauncherProcess.start(local, "--fresh").awaitBanner()) {
            assertThat(run.output()).as("the local run on the ports the documents use (run it under the port lock)")
                    .contains(DOCUMENTED).doesNotContain("NOT READY");
            assertThat(brokenLinks(run.output())).as("links of the banner that lead nowhere").isEmpty();
            DocRunner runner = DocRunner.inCopyOf(root, local, workDir);
            List<String> failures = new ArrayList<>();
            int documents = 0;
            for (Path document : MarkdownBlocks.documents(root)) {
                DocScript script = new DocScript(root.relativize(document).toString(), MarkdownBlocks.read(root, document));
                if (script.empty()) {
                    continue;
                }
                documents++;
                Optional<String> failure = runner.run(script);
                failure.ifPresent(failures::add);
            }
            assertThat(documents).as("documents with runnable commands").isGreaterThanOrEqualTo(5);
            assertThat(failures).as("documents whose commands fail against the local run (log: %s)",
                    Files.exists(local.resolve("logs")) ? local.resolve("logs") : local).isEmpty();
        }
    }
}
