package io.rpik8s.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/extending.md shows the examples exactly as the build compiles and tests them. */
class GuideSnippetsTest {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void everySnippetOfTheGuideIsItsSourceVerbatim() throws Exception {
        List<Snippets.Snippet> snippets = Snippets.of(Files.readString(ROOT.resolve("docs/extending.md")));

        assertThat(snippets).as("snippets with a source marker").hasSizeGreaterThanOrEqualTo(20);
        assertThat(snippets).allSatisfy(s -> assertThat(s.shown().strip())
                .as("docs/extending.md snippet %s", s.name()).isEqualTo(Snippets.cut(ROOT, s)));
    }

    @Test
    void aSnippetThatDriftedFromItsSourceIsCaught(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("A.java"), """
                class A {
                    // tag::body[]
                    int answer() {
                        return 42;
                    }
                    // end::body[]
                }
                """);
        String guide = "<!-- snippet: A.java#body -->\n```java\nint answer() {\n    return 41;\n}\n```\n";
        Snippets.Snippet snippet = Snippets.of(guide).get(0);

        assertThat(Snippets.cut(dir, snippet)).isEqualTo("int answer() {\n    return 42;\n}");
        assertThat(snippet.shown()).isNotEqualTo(Snippets.cut(dir, snippet));
        assertThatThrownBy(() -> Snippets.cut(dir, new Snippets.Snippet("A.java", "gone", "")))
                .hasMessageContaining("no tag::gone[]");
        assertThatThrownBy(() -> Snippets.cut(dir, new Snippets.Snippet("B.java", null, "")))
                .hasMessageContaining("B.java, which is missing");
    }
}
