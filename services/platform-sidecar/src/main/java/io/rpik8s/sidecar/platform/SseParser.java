package io.rpik8s.sidecar.platform;

import java.util.List;

/** Reads the text/event-stream format line by line (WHATWG HTML, "Server-sent events"); one parser per stream. */
final class SseParser {

    private String id;
    private String name;
    private final StringBuilder data = new StringBuilder();

    /** The event a line completes (a blank line ends one), else nothing. */
    List<SseMessage> line(String line) {
        String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (l.isEmpty()) {
            if (data.isEmpty() && name == null) {
                return List.of();
            }
            SseMessage message = new SseMessage(id, name == null ? "message" : name, data.toString());
            id = null;
            name = null;
            data.setLength(0);
            return List.of(message);
        }
        if (l.startsWith(":")) {
            return List.of();
        }
        int colon = l.indexOf(':');
        String field = colon < 0 ? l : l.substring(0, colon);
        String value = colon < 0 ? "" : l.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> name = value;
            case "data" -> data.append(data.isEmpty() ? "" : "\n").append(value);
            default -> {
                // retry and unknown fields: nothing to keep
            }
        }
        return List.of();
    }
}
