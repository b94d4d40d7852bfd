package io.rpik8s.localrun.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the documents whose commands the docs-test runs, and the fenced code blocks in each. */
final class MarkdownBlocks {

    private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+|~~~+)\\s*([A-Za-z0-9_+-]*)\\s*$");
    /** Build output, dependencies and data: not documentation of the project. */
    private static final Pattern SKIPPED_TREES = Pattern.compile("(^|/)(target|node_modules|\\.git|\\.local|\\.mvn)/");
    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*<!--\\s*docs-test:\\s*(.*?)\\s*-->\\s*$");

    private MarkdownBlocks() {
    }

    /**
     * The documents, in the order they are run: the README's quick start first, then docs/ (the API references
     * first), then every other README.md of the checkout (dev/, services/, examples/, kubernetes/, deploy/).
     */
    static List<Path> documents(Path root) throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        docs.add(root.resolve("docs/api.md"));
        docs.addAll(markdown(root.resolve("docs/api")));
        try (Stream<Path> all = Files.walk(root.resolve("docs"))) {
            all.filter(p -> p.toString().endsWith(".md")).filter(p -> !docs.contains(p)).sorted().forEach(docs::add);
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> p.getFileName().toString().equals("README.md")).filter(p -> !docs.contains(p))
                    .filter(p -> !SKIPPED_TREES.matcher(root.relativize(p).toString()).find()).sorted().forEach(docs::add);
        }
        return docs;
    }

    private static List<Path> markdown(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted(Comparator.naturalOrder()).toList();
        }
    }

    /** The fenced blocks of {@code document} (lines of an unclosed block run to the end of the file). */
    static List<DocBlock> read(Path root, Path document) throws IOException {
        String name = root.relativize(document).toString();
        List<String> text = Files.readAllLines(document);
        List<DocBlock> blocks = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            Matcher open = FENCE.matcher(text.get(i));
            if (!open.matches()) {
                continue;
            }
            String indent = open.group(1);
            String fence = open.group(2);
            List<String> lines = new ArrayList<>();
            int j = i + 1;
            for (; j < text.size(); j++) {
                String line = text.get(j);
                if (line.trim().equals(fence)) {
                    break;
                }
                lines.add(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading());
            }
            blocks.add(new DocBlock(name, i + 2, open.group(3), lines, directiveBefore(text, i)));
            i = j;
        }
        return blocks;
    }

    /** The docs-test directive on the closest non-blank line above the fence at {@code fenceIndex}, if any. */
    private static String directiveBefore(List<String> text, int fenceIndex) {
        for (int k = fenceIndex - 1; k >= 0; k--) {
            if (!text.get(k).isBlank()) {
                Matcher m = DIRECTIVE.matcher(text.get(k));
                return m.matches() ? m.group(1) : null;
            }
        }
        return null;
    }
}
