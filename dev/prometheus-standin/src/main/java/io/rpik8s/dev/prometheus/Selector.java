package io.rpik8s.dev.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A PromQL vector selector ({@code name{label="v", other!="x", re=~"a|b", nre!~"c.*"}}), the only expression the
 * Prometheus stand-in evaluates. Anything else is rejected with a parse error, as Prometheus would for bad input.
 */
record Selector(String metric, List<Matcher> matchers) {

    enum Op { EQ, NE, RE, NRE }

    record Matcher(String label, Op op, String value, Pattern pattern) {
        boolean matches(Map<String, String> labels) {
            String v = labels.getOrDefault(label, "");
            return switch (op) {
                case EQ -> v.equals(value);
                case NE -> !v.equals(value);
                case RE -> pattern.matcher(v).matches();
                case NRE -> !pattern.matcher(v).matches();
            };
        }
    }

    static final class ParseException extends Exception {
        ParseException(String message) {
            super(message);
        }
    }

    boolean matches(Map<String, String> labels) {
        if (metric != null && !metric.equals(labels.get("__name__"))) {
            return false;
        }
        return matchers.stream().allMatch(m -> m.matches(labels));
    }

    static Selector parse(String query) throws ParseException {
        String q = query == null ? "" : query.trim();
        if (q.isEmpty()) {
            throw new ParseException("1:1: parse error: no expression found in input");
        }
        int i = 0;
        String metric = null;
        while (i < q.length() && (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '_' || q.charAt(i) == ':')) {
            i++;
        }
        if (i > 0) {
            metric = q.substring(0, i);
            if (Character.isDigit(metric.charAt(0))) {
                throw new ParseException("1:1: parse error: the stand-in only evaluates vector selectors, got \"" + q + "\"");
            }
        }
        List<Matcher> matchers = new ArrayList<>();
        if (i < q.length()) {
            if (q.charAt(i) != '{' || q.charAt(q.length() - 1) != '}') {
                throw new ParseException("1:" + (i + 1) + ": parse error: unexpected character '" + q.charAt(i)
                        + "' (this Prometheus stand-in only evaluates plain vector selectors)");
            }
            String body = q.substring(i + 1, q.length() - 1);
            int p = 0;
            while (p < body.length()) {
                while (p < body.length() && (body.charAt(p) == ' ' || body.charAt(p) == ',')) {
                    p++;
                }
                if (p >= body.length()) {
                    break;
                }
                int start = p;
                while (p < body.length() && (Character.isLetterOrDigit(body.charAt(p)) || body.charAt(p) == '_')) {
                    p++;
                }
                String label = body.substring(start, p);
                while (p < body.length() && body.charAt(p) == ' ') {
                    p++;
                }
                Op op;
                if (body.startsWith("=~", p)) {
                    op = Op.RE;
                    p += 2;
                } else if (body.startsWith("!~", p)) {
                    op = Op.NRE;
                    p += 2;
                } else if (body.startsWith("!=", p)) {
                    op = Op.NE;
                    p += 2;
                } else if (body.startsWith("=", p)) {
                    op = Op.EQ;
                    p += 1;
                } else {
                    throw new ParseException("1:" + (i + 2 + p) + ": parse error: unexpected character inside braces: '"
                            + (p < body.length() ? body.charAt(p) : ' ') + "'");
                }
                if (label.isEmpty()) {
                    throw new ParseException("1:" + (i + 2 + start) + ": parse error: unexpected \"" + op + "\" in label matching, expected label");
                }
                while (p < body.length() && body.charAt(p) == ' ') {
                    p++;
                }
                if (p >= body.length() || (body.charAt(p) != '"' && body.charAt(p) != '\'')) {
                    throw new ParseException("1:" + (i + 2 + p) + ": parse error: unexpected character in label matching, expected string");
                }
                char quote = body.charAt(p++);
                StringBuilder value = new StringBuilder();
                while (p < body.length() && body.charAt(p) != quote) {
                    if (body.charAt(p) == '\\' && p + 1 < body.length()) {
                        p++;
                    }
                    value.append(body.charAt(p++));
                }
                if (p >= body.length()) {
                    throw new ParseException("1:" + (i + 2 + p) + ": parse error: unterminated quoted string");
                }
                p++;
                if ("__name__".equals(label) && op == Op.EQ) {
                    metric = value.toString();
                    continue;
                }
                Pattern pattern = null;
                if (op == Op.RE || op == Op.NRE) {
                    try {
                        pattern = Pattern.compile(value.toString());
                    } catch (PatternSyntaxException e) {
                        throw new ParseException("1:" + (i + 2 + start) + ": parse error: error parsing regexp: " + e.getDescription());
                    }
                }
                matchers.add(new Matcher(label, op, value.toString(), pattern));
            }
        }
        if (metric == null && matchers.stream().allMatch(m -> m.pattern() != null ? m.pattern().matcher("").matches()
                : m.op() == Op.EQ ? m.value().isEmpty() : false)) {
            throw new ParseException("1:1: parse error: vector selector must contain at least one non-empty matcher");
        }
        return new Selector(metric, List.copyOf(matchers));
    }
}
