package io.rpik8s.localrun.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/operations.md, "Commands in these docs are tested", that need no local run: what is not run is
 * skipped for a stated reason, and no command hides from the docs-test in a block without an info string.
 */
class DocsConventionTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static final Pattern COMMAND = Pattern.compile(
            "^(\\$ )?(curl|kubectl|helm|\\./|sh |bash |source |export |git |sudo |jq |deploy/|[A-Z_]+=\\$\\().*");

    @Test
    void everyDirectiveIsASkipWithAReasonBeforeAShellBlock() throws Exception {
        List<String> wrong = new ArrayList<>();
        int runnable = 0;
        for (Path document : MarkdownBlocks.documents(ROOT)) {
            for (DocBlock block : MarkdownBlocks.read(ROOT, document)) {
                if (block.directive() == null) {
                    runnable += block.shell() ? 1 : 0;
                } else if (!block.skipped()) {
                    wrong.add(block.where() + ": unknown docs-test comment '" + block.directive() + "'");
                } else if (block.skipReason().isEmpty()) {
                    wrong.add(block.where() + ": a skip without its reason (<!-- docs-test: skip: why -->)");
                } else if (!block.shell()) {
                    wrong.add(block.where() + ": a skip before a '" + block.info() + "' block, which is never run");
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(runnable).as("runnable shell blocks in the docs").isGreaterThan(20);
    }

    /** DocsCommandsIT runs them before the panel is packaged (docs/operations.md, "Commands in these docs are tested"). */
    @Test
    void noRunnableCommandNeedsTheControlPanel() throws Exception {
        List<String> panel = new ArrayList<>();
        for (Path document : MarkdownBlocks.documents(ROOT)) {
            for (DocBlock block : MarkdownBlocks.read(ROOT, document)) {
                if (block.directive() == null && block.shell() && block.lines().stream().anyMatch(l -> l.contains(":8080"))) {
                    panel.add(block.where() + ": a runnable block calls the control panel on 8080 (skip it, saying why)");
                }
            }
        }
        assertThat(panel).isEmpty();
    }

    @Test
    void commandsAreInShellBlocks() throws Exception {
        List<String> hidden = new ArrayList<>();
        for (Path document : MarkdownBlocks.documents(ROOT)) {
            for (DocBlock block : MarkdownBlocks.read(ROOT, document)) {
                if (block.info().isEmpty() && block.lines().stream().anyMatch(l -> COMMAND.matcher(l.trim()).matches())) {
                    hidden.add(block.where() + ": commands in a block without an info string (bash, or text for output)");
                }
            }
        }
        assertThat(hidden).isEmpty();
    }

    @Test
    void theStatusACommandStatesIsReadFromItsLineOrTheLineBelow() {
        DocBlock block = new DocBlock("doc.md", 10, "bash", List.of(
                "curl -s -X DELETE $S/buckets/scratch   # 409 while it holds objects",
                "curl -s $S/buckets -d '{",
                "  \"name\": \"x\"}'",
                "# 201 {\"name\": \"x\"}",
                "curl -s $S/classes   # [{\"name\": \"local-path\"}]",
                "URL=$(curl -s $S/presign \\",
                "  -d '{}' | jq -r .url)",
                "# 200"), null);

        assertThat(ExpectedStatus.of(block)).containsExactly(java.util.Map.entry(10, 409), java.util.Map.entry(11, 201),
                java.util.Map.entry(12, 201), java.util.Map.entry(15, 200), java.util.Map.entry(16, 200));
    }
}
