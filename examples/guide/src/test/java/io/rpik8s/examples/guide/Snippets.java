package io.rpik8s.examples.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The snippets of a Markdown guide and the source regions they are cut from. A snippet is a fenced block preceded
 * by {@code <!-- snippet: path/from/repo/root -->} (the whole file) or {@code <!-- snippet: path#region -->} (the
 * lines between {@code tag::region[]} and {@code end::region[]} in the file, in any comment syntax).
 */
final class Snippets {

    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- snippet: ([^#\\s]+)(?:#([\\w-]+))? -->\\n```[\\w-]*\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern MARKER = Pattern.compile(".*\\b(tag|end)::[\\w-]+\\[].*");

    /** One snippet of the guide: where it claims to come from, and what the guide shows. */
    record Snippet(String path, String region, String shown) {
        String name() {
            return region == null ? path : path + "#" + region;
        }
    }

    private Snippets() {
    }

    static List<Snippet> of(String guide) {
        List<Snippet> snippets = new ArrayList<>();
        Matcher m = SNIPPET.matcher(guide);
        while (m.find()) {
            snippets.add(new Snippet(m.group(1), m.group(2), m.group(3)));
        }
        return snippets;
    }

    /** The text the snippet must show: the file or its region, without marker lines, common indentation removed. */
    static String cut(Path root, Snippet snippet) {
        List<String> lines;
        try {
            lines = Files.readAllLines(root.resolve(snippet.path()));
        } catch (IOException e) {
            throw new UncheckedIOException("The guide cuts a snippet from " + snippet.path() + ", which is missing", e);
        }
        if (snippet.region() != null) {
            int start = indexOf(lines, "tag::" + snippet.region() + "[]", snippet);
            int end = indexOf(lines, "end::" + snippet.region() + "[]", snippet);
            lines = lines.subList(start + 1, end);
        }
        List<String> kept = lines.stream().filter(l -> !MARKER.matcher(l).matches()).toList();
        int indent = kept.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", kept.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList()).strip();
    }

    private static int indexOf(List<String> lines, String marker, Snippet snippet) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i;
            }
        }
        throw new IllegalStateException(snippet.path() + " has no " + marker + " for the guide's snippet");
    }
}
