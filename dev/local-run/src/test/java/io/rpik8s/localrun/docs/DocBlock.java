package io.rpik8s.localrun.docs;

import java.util.List;
import java.util.Set;

/**
 * One fenced code block of a Markdown document.
 *
 * @param document the document, relative to the repository root
 * @param firstLine the 1-based line of the block's first content line (the one after the opening fence)
 * @param info the fence's info string ({@code bash}, {@code json}, ... or empty)
 * @param lines the block's content lines, indentation of the fence removed
 * @param directive the {@code <!-- docs-test: ... -->} comment right before the fence, without its markers, or null
 */
record DocBlock(String document, int firstLine, String info, List<String> lines, String directive) {

    /** The info strings of shell blocks: the docs-test runs them unless they are skipped. */
    static final Set<String> SHELL = Set.of("bash", "sh", "shell");

    boolean shell() {
        return SHELL.contains(info);
    }

    /** Whether a {@code skip} directive keeps this block from being run. */
    boolean skipped() {
        return directive != null && directive.startsWith("skip");
    }

    /** The reason a skip directive gives ({@code skip: needs a real cluster}), empty when it gives none. */
    String skipReason() {
        return skipped() ? directive.substring("skip".length()).replaceFirst("^\\s*:?\\s*", "").trim() : "";
    }

    /** Where the block starts, as a reader finds it: {@code docs/operations.md:412}. */
    String where() {
        return document + ":" + firstLine;
    }
}
