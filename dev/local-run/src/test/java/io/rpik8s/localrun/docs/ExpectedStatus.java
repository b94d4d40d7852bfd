package io.rpik8s.localrun.docs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP status a documented command states it answers: a comment that starts with a status code, at the end of
 * the command's line ({@code curl ... # 409 when it holds objects}) or on the line right below the command
 * ({@code # 201 {"name": ...}}). The lines of a command are found as bash reads them: continued by a trailing
 * backslash, an open quote or an open {@code $(}.
 */
final class ExpectedStatus {

    private static final Pattern STATUS = Pattern.compile("^#\\s*([1-5][0-9][0-9])\\b.*");

    private ExpectedStatus() {
    }

    /** The expected status by document line, for every line of every command of {@code block} that states one. */
    static Map<Integer, Integer> of(DocBlock block) {
        Map<Integer, Integer> expected = new LinkedHashMap<>();
        List<String> lines = block.lines();
        int start = -1;
        Scan scan = new Scan();
        for (int i = 0; i < lines.size(); i++) {
            boolean continued = scan.continues();
            String comment = scan.read(lines.get(i));
            if (!continued) {
                start = lines.get(i).isBlank() || lines.get(i).trim().startsWith("#") ? -1 : i;
            }
            if (start < 0 || scan.continues()) {
                continue;
            }
            // The command ends on this line: its status is in this line's comment or in the next line, a comment.
            Integer status = status(comment);
            if (status == null && i + 1 < lines.size()) {
                status = status(lines.get(i + 1).trim());
            }
            if (status != null) {
                for (int k = start; k <= i; k++) {
                    expected.put(block.firstLine() + k, status);
                }
            }
        }
        return expected;
    }

    private static Integer status(String comment) {
        if (comment == null) {
            return null;
        }
        Matcher m = STATUS.matcher(comment);
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }

    /** Bash's quoting state across the lines of a block, as far as the docs need it. */
    private static final class Scan {
        private char quote;
        private int substitutions;
        private boolean backslash;

        boolean continues() {
            return quote != 0 || substitutions > 0 || backslash;
        }

        /** Reads one line; answers its trailing comment (from {@code #}), or null. */
        String read(String line) {
            backslash = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote == '\'') {
                    quote = c == '\'' ? 0 : quote;
                } else if (c == '\\') {
                    if (i == line.length() - 1) {
                        backslash = true;
                    }
                    i++;
                } else if (quote == '"') {
                    quote = c == '"' ? 0 : quote;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
                    substitutions++;
                    i++;
                } else if (c == ')' && substitutions > 0) {
                    substitutions--;
                } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                    return line.substring(i);
                }
            }
            return null;
        }
    }
}
