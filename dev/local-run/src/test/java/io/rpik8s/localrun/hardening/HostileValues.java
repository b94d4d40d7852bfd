package io.rpik8s.localrun.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The hostile values the generated suite puts in string fields, and values of every wrong JSON type. */
final class HostileValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Named strings every string field (body, path, query) receives. */
    static final List<Named> STRINGS = List.of(
            new Named("nul", "a\u0000b"),
            new Named("only-nul", "\u0000"),
            new Named("emoji", "app-\uD83D\uDE00"),
            new Named("rtl-mark", "\u202Eppa-live"),
            new Named("rtl-isolate", "app\u2067x\u2069"),
            new Named("traversal", "../../../etc/passwd"),
            new Named("encoded-traversal", "..%2F..%2Fetc%2Fpasswd"),
            new Named("300-chars", "a".repeat(300)),
            new Named("blank", " "),
            new Named("sql", "x' OR '1'='1"),
            new Named("control", "line\r\nInjected: yes"),
            new Named("lone-surrogate", "a\uD800b"));

    private HostileValues() {
    }

    record Named(String name, String value) {
    }

    /** Values of every JSON type other than the one {@code schema} declares. */
    static List<Named> wrongTypes(JsonNode schema) {
        String type = schema == null ? "" : schema.path("type").asText("");
        List<Named> wrong = new ArrayList<>();
        if (!type.equals("string")) {
            wrong.add(new Named("string", "\"three\""));
        }
        if (!type.equals("integer") && !type.equals("number")) {
            wrong.add(new Named("number", "3"));
        }
        if (type.equals("integer")) {
            wrong.add(new Named("fraction", "1.5"));
            wrong.add(new Named("overflow", "99999999999999999999999"));
            wrong.add(new Named("negative", "-1"));
        }
        if (!type.equals("boolean")) {
            wrong.add(new Named("boolean", "true"));
        }
        if (!type.equals("array")) {
            wrong.add(new Named("array", "[\"x\"]"));
        }
        if (!type.equals("object")) {
            wrong.add(new Named("object", "{\"a\":1}"));
        }
        wrong.add(new Named("null", "null"));
        return wrong;
    }

    /** A random string mixing the hostile classes, for the seeded random part of the run. */
    static String random(Random random) {
        StringBuilder s = new StringBuilder();
        int parts = 1 + random.nextInt(3);
        for (int i = 0; i < parts; i++) {
            s.append(STRINGS.get(random.nextInt(STRINGS.size())).value());
        }
        int codePoints = random.nextInt(8);
        for (int i = 0; i < codePoints; i++) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> 0x80 + random.nextInt(0x780);
                case 2 -> 0x1F300 + random.nextInt(0x300);
                default -> random.nextInt(0x20);
            };
            s.appendCodePoint(cp);
        }
        return s.toString();
    }

    /** {@code depth} nested arrays: a body that must be refused without exhausting the parser's stack. */
    static String deep(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static JsonNode text(String value) {
        return NODES.textNode(value);
    }
}
