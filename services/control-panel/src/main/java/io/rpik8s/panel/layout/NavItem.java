package io.rpik8s.panel.layout;

/** One entry of the sidebar. */
public record NavItem(String label, String path, boolean active) {
}
