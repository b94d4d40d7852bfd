package io.rpik8s.deployment.change;

/** The action names of the audit history ({@code GET .../history}: {@code items[].action}). */
public final class Actions {

    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String SCALE = "scale";
    public static final String RESTART = "restart";
    public static final String ROLLBACK = "rollback";
    public static final String DELETE = "delete";

    private Actions() {
    }
}
