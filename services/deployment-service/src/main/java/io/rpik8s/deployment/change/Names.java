package io.rpik8s.deployment.change;

/** Patterns the API validates names and images with. */
public final class Names {

    /** A DNS-1123 label: what Kubernetes accepts as a namespace or Service name. */
    public static final String DNS_1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    public static final String DNS_1123_MESSAGE = "must be a DNS-1123 label (lower-case letters, digits and '-', "
            + "starting and ending with a letter or digit, at most 63 characters)";
    /** An image reference: [registry[:port]/]path[:tag][@sha256:digest], as the distribution spec defines it. */
    public static final String IMAGE = "((?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9-]+)*"
            + "(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
            + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?";
    public static final String IMAGE_MESSAGE = "must be an image reference such as registry:5000/team/app:1.2.0";

    private Names() {
    }
}
