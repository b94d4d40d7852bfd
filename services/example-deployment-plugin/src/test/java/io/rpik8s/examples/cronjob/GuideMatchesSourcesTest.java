package io.rpik8s.examples.cronjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The extending guide shows this module's files verbatim: this fails as soon as either side changes alone. */
class GuideMatchesSourcesTest {

    private static final Path GUIDE = Path.of("../../docs/extending.md");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

    @Test
    void theGuideShowsThePluginAndItsTestExactlyAsCompiled() throws Exception {
        Assumptions.assumeTrue(Files.exists(GUIDE), "built outside the repository");
        String section = Files.readString(GUIDE).split("\n## Deployment plugins\n", 2)[1].split("\n## ", 2)[0];
        List<String> blocks = JAVA_BLOCK.matcher(section).results().map(m -> m.group(1).strip()).toList();

        assertThat(blocks).as("the guide's Java blocks, in order: the plugin, then its test").containsExactly(
                source("src/main/java/io/rpik8s/examples/cronjob/CronJobPlugin.java"),
                source("src/test/java/io/rpik8s/examples/cronjob/CronJobPluginTest.java"));
    }

    private static String source(String path) throws Exception {
        return Files.readString(Path.of(path)).strip();
    }
}
