package io.rpik8s.panel.layout;

import java.util.List;
import java.util.Map;

/** The sidebar: one line per page (docs/extending.md, "Adding a control-panel page"). */
public final class Sidebar {

    /** Label and path of every page, in sidebar order. */
    static final List<Map.Entry<String, String>> ENTRIES = List.of(
            Map.entry("Overview", "/"),
            Map.entry("Apps", "/apps"),
            Map.entry("Storage", "/storage"),
            Map.entry("Webhooks", "/webhooks"),
            Map.entry("Metrics", "/metrics"),
            Map.entry("Alerts", "/alerts"),
            Map.entry("Live", "/live"),
            Map.entry("Plugins", "/plugins"));

    private Sidebar() {
    }

    /** The entries with the one of {@code path}'s section marked as current. */
    static List<NavItem> itemsFor(String path) {
        return ENTRIES.stream().map(e -> new NavItem(e.getKey(), e.getValue(), "/".equals(e.getValue())
                ? "/".equals(path) : path.equals(e.getValue()) || path.startsWith(e.getValue() + "/"))).toList();
    }
}
